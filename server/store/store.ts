import type { AccessRole } from '../../shared/model/index.js';

export interface ConferenceRecord {
  id: string;
  createdAt: number;
  lockedAt: number | null;
}

export interface TokenRecord {
  role: AccessRole;
  /** SHA-256 of the token: the token itself is never stored. */
  hash: Buffer;
  revokedAt: number | null;
}

/**
 * Everything the server keeps. One small interface so that the embedded default (SQLite) and the
 * scale-out store can stand behind it. Document content is kept as Yjs updates per room.
 */
export interface ConferenceStore {
  createConference(conference: ConferenceRecord, tokens: Array<{ role: AccessRole; hash: Buffer }>, room: string, initialUpdate: Uint8Array): void;
  getConference(id: string): ConferenceRecord | null;
  tokensFor(conferenceId: string): TokenRecord[];
  /** Every stored update of a room, oldest first. */
  loadUpdates(room: string): Promise<Uint8Array[]>;
  /** Stores one update durably before the call returns. */
  appendUpdate(room: string, update: Uint8Array): void;
  /** Replaces a room's stored updates by one snapshot that contains them all. */
  compact(room: string, snapshot: Uint8Array): void;
  close(): void;
}
