import crypto from 'node:crypto';
import type { StoredCredential } from '../store/store.js';

/** A new secret token: 256 random bits, base64url. */
export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export function hashToken(token: string): Buffer {
  return crypto.createHash('sha256').update(token, 'utf8').digest();
}

/**
 * Whether a credential found by the presented token's hash is live and really is that token's.
 * The store finds it through an index; the hashes are still compared in constant time.
 */
export function isLiveMatch(token: string, credential: StoredCredential | null): credential is StoredCredential {
  if (!credential || credential.revokedAt !== null) return false;
  const presented = hashToken(token);
  return credential.hash.length === presented.length && crypto.timingSafeEqual(credential.hash, presented);
}

/** Tokens are 43 characters; anything empty or far longer is not looked up at all. */
export function plausibleToken(token: string): boolean {
  return token.length > 0 && token.length <= 200;
}

/** The token from an `Authorization: Bearer …` header, or ''. */
export function bearerToken(header: string | undefined): string {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1] ?? '';
}
