/** A random, URL-safe id with `bytes` bytes of randomness (16 bytes = 128 bits). */
export function randomId(bytes = 16): string {
  const buf = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buf);
  let binary = '';
  for (const b of buf) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Conference ids: 128 random bits, 22 base64url characters. */
export const CONFERENCE_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function isConferenceId(value: string): boolean {
  return CONFERENCE_ID_PATTERN.test(value);
}
