import * as Y from 'yjs';
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

export interface InitialDocument {
  room: string;
  update: Uint8Array;
}

export interface HiddenScore {
  pairId: string;
  participantId: string;
  name: string;
  roleLabel: string;
  role: AccessRole;
  value: number;
  nextStep: string;
  at: number;
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
  | 'sealed'
  | 'scores-revealed'
  | 'scores-left-out'
  | 'purged';

/** One line of the audit trail: who did what, when. Never what anyone wrote. */
export interface AuditEntry {
  at: number;
  event: AuditEvent;
  participantId: string | null;
  name: string | null;
  roleLabel: string | null;
  role: AccessRole | null;
  /** What the event needs besides who and when, never content: the sealed record's SHA-256, a count. */
  detail?: string | null;
}

/**
 * Everything the server keeps, behind one small interface so that the embedded default (SQLite)
 * and the scale-out store (PostgreSQL) can stand behind it. Document content is kept as Yjs updates
 * per room. Every method may fail (the database is away): callers must not lose data when it does.
 */
export interface ConferenceStore {
  /** Creates the conference with its credentials and the first update of each of its documents. */
  createConference(conference: ConferenceRecord, credentials: StoredCredential[], documents: InitialDocument[]): Promise<void>;
  /** A score given while scoring is hidden: kept here, never in a document anyone receives, until revealed. */
  saveHiddenScore(conferenceId: string, score: HiddenScore): Promise<void>;
  hiddenScores(conferenceId: string): Promise<HiddenScore[]>;
  deleteHiddenScores(conferenceId: string, pairId: string): Promise<void>;
  getConference(id: string): Promise<ConferenceRecord | null>;
  setAutoAdmit(id: string, autoAdmit: boolean): Promise<void>;
  /** Marks the conference locked; returns false when it already was. */
  lock(id: string, at: number): Promise<boolean>;
  credentialsFor(conferenceId: string): Promise<StoredCredential[]>;
  addCredential(conferenceId: string, credential: StoredCredential): Promise<void>;
  /** Changes the kind of the credential of a person (admit, decline). */
  setCredentialKind(conferenceId: string, participantId: string, from: CredentialKind, to: CredentialKind): Promise<boolean>;
  /** Revokes every live invitation of `role`; returns how many. */
  revokeInvitations(conferenceId: string, role: string, at: number): Promise<number>;
  audit(conferenceId: string, entry: AuditEntry): Promise<void>;
  auditTrail(conferenceId: string): Promise<AuditEntry[]>;
  /** Locked conferences whose lock is older than `before`. */
  lockedBefore(before: number): Promise<string[]>;
  /** Every stored byte of a conference goes: its rooms' updates, credentials, audit and record. */
  purge(conferenceId: string, rooms: string[]): Promise<void>;
  /** Every stored update of a room, oldest first. */
  loadUpdates(room: string): Promise<Uint8Array[]>;
  /** Stores one update durably before the promise resolves. */
  appendUpdate(room: string, update: Uint8Array): Promise<void>;
  /**
   * Stores the updates of several rooms, each room's in order, in one transaction: all of them
   * durably before the promise resolves, or none (group commit: the relay stores what arrived in one
   * turn of the event loop together).
   */
  appendUpdates(batch: ReadonlyArray<{ room: string; updates: readonly Uint8Array[] }>): Promise<void>;
  /**
   * Replaces a room's stored updates by one snapshot made from them (not from any copy in memory,
   * which may lag behind what other instances stored). Returns the snapshot's size in bytes.
   */
  compact(room: string): Promise<number>;
  close(): Promise<void>;
}

/** One snapshot of a room's stored updates, with deleted content garbage-collected. */
export function snapshotOf(updates: readonly Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const u of updates) Y.applyUpdate(doc, u);
  });
  const snapshot = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return snapshot;
}
