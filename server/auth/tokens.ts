import crypto from 'node:crypto';
import type { AccessRole } from '../../shared/model/index.js';
import type { TokenRecord } from '../store/store.js';

/** A new secret token: 256 random bits, base64url. */
export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export function hashToken(token: string): Buffer {
  return crypto.createHash('sha256').update(token, 'utf8').digest();
}

/**
 * Which role a presented token grants, or null. Every stored token of the conference is compared
 * in constant time, so the time taken says nothing about which one (if any) was close.
 */
export function roleForToken(token: string, tokens: readonly TokenRecord[]): AccessRole | null {
  const presented = hashToken(token);
  let match: AccessRole | null = null;
  for (const record of tokens) {
    const equal = record.hash.length === presented.length && crypto.timingSafeEqual(record.hash, presented);
    if (equal && record.revokedAt === null) match = record.role;
  }
  return match;
}
