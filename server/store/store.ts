import type { AccessRole } from '../../shared/model/index.js';

export interface ConferenceRecord {
  id: string;
  createdAt: number;
  lockedAt: number | null;
  /** Let invited people in without the chair admitting each one. */
  autoAdmit: boolean;
}

/**
 * What a token is. `chair`: the chair. `invitation`: a link shared with professionals or the
 * family; it only lets a person ask to join. `lobby`: a person waiting to be let in. `participant`:
 * a person the chair let in. `declined`: a person the chair did not let in.
 */
export type CredentialKind = 'chair' | 'invitation' | 'lobby' | 'participant' | 'declined';

export interface Credential {
  kind: CredentialKind;
  role: AccessRole;
  /** For people (not invitations): a random id, shared by their cards and presence. */
  participantId: string | null;
  name: string | null;
  roleLabel: string | null;
  createdAt: number;
  revokedAt: number | null;
}

export interface StoredCredential extends Credential {
  /** SHA-256 of the token: the token itself is never stored. */
  hash: Buffer;
}

export type AuditEvent =
  | 'created'
  | 'asked-to-join'
  | 'admitted'
  | 'declined'
  | 'joined'
  | 'left'
  | 'invitation-revoked'
  | 'invitation-reissued'
  | 'locked'
  | 'purged';

/** One line of the audit trail: who did what, when. Never what anyone wrote. */
export interface AuditEntry {
  at: number;
  event: AuditEvent;
  participantId: string | null;
  name: string | null;
  roleLabel: string | null;
  role: AccessRole | null;
}

/**
 * Everything the server keeps, behind one small interface so that the embedded default (SQLite)
 * and a scale-out store can stand behind it. Document content is kept as Yjs updates per room.
 */
export interface ConferenceStore {
  createConference(conference: ConferenceRecord, credentials: StoredCredential[], room: string, initialUpdate: Uint8Array): void;
  getConference(id: string): ConferenceRecord | null;
  setAutoAdmit(id: string, autoAdmit: boolean): void;
  /** Marks the conference locked; returns false when it already was. */
  lock(id: string, at: number): boolean;
  credentialsFor(conferenceId: string): StoredCredential[];
  addCredential(conferenceId: string, credential: StoredCredential): void;
  /** Changes the kind of the credential of a person (admit, decline). */
  setCredentialKind(conferenceId: string, participantId: string, from: CredentialKind, to: CredentialKind): boolean;
  /** Revokes every live invitation of `role`; returns how many. */
  revokeInvitations(conferenceId: string, role: string, at: number): number;
  audit(conferenceId: string, entry: AuditEntry): void;
  auditTrail(conferenceId: string): AuditEntry[];
  /** Locked conferences whose lock is older than `before`. */
  lockedBefore(before: number): string[];
  /** Every stored byte of a conference goes: its rooms' updates, credentials, audit and record. */
  purge(conferenceId: string, rooms: string[]): void;
  /** Every stored update of a room, oldest first. */
  loadUpdates(room: string): Promise<Uint8Array[]>;
  /** Stores one update durably before the call returns. */
  appendUpdate(room: string, update: Uint8Array): void;
  /** Replaces a room's stored updates by one snapshot that contains them all. */
  compact(room: string, snapshot: Uint8Array): void;
  close(): void;
}
