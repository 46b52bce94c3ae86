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
 * The live (not revoked) credential a presented token stands for, or null. Every stored credential
 * of the conference is compared in constant time, so the time taken says nothing about which one
 * (if any) was close.
 */
export function findCredential(token: string, credentials: readonly StoredCredential[]): StoredCredential | null {
  if (token.length === 0 || token.length > 200) return null;
  const presented = hashToken(token);
  let match: StoredCredential | null = null;
  for (const credential of credentials) {
    const equal = credential.hash.length === presented.length && crypto.timingSafeEqual(credential.hash, presented);
    if (equal && credential.revokedAt === null) match = credential;
  }
  return match;
}

/** The token from an `Authorization: Bearer …` header, or ''. */
export function bearerToken(header: string | undefined): string {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1] ?? '';
}
