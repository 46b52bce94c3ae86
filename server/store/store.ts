import * as Y from 'yjs';
import type { AccessRole, AmendmentRequest, AmendmentStatus } from '../../shared/model/index.js';

export interface ConferenceRecord {
  id: string;
  createdAt: number;
  lockedAt: number | null;
  /** Let invited people in without the chair admitting each one. */
  autoAdmit: boolean;
  /** When someone last opened it (created, or a screen connected or left): unended ones expire from here. */
  activeAt: number;
  /** The conference this one reviews (a chain: initial → review 1 → review 2 …); null for the first. */
  previousId: string | null;
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
  /** The lead social worker (named by the chair), and the invitation that makes one. */
  lead: boolean;
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
  | 'removed'
  | 'contributions-removed'
  | 'joined'
  | 'left'
  | 'invitation-revoked'
  | 'invitation-reissued'
  | 'opened'
  | 'review-started'
  | 'locked'
  | 'sealed'
  | 'scores-revealed'
  | 'scores-left-out'
  | 'purged'
  | 'amendment-asked'
  | 'amendment-accepted'
  | 'amendment-declined'
  | 'version-published';

/** A published version of a record: its hash, and both documents exactly as they were then. */
export interface RecordVersion {
  version: number;
  hash: string;
  publishedAt: number;
  board: Uint8Array;
  chair: Uint8Array;
}

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
  /** The schema versions before and after this start (see migrations.ts). */
  readonly schema: { from: number; to: number };
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
  /** The credential with this token hash, revoked or not, found through the primary key's index. */
  credentialByHash(conferenceId: string, hash: Buffer): Promise<StoredCredential | null>;
  /** Declines everyone waiting in the lobby at once; returns who they were. */
  declineAllWaiting(conferenceId: string): Promise<StoredCredential[]>;
  /** Revokes the credential of a person let in (the chair removes them); returns it, or null. */
  revokeParticipant(conferenceId: string, participantId: string, at: number): Promise<StoredCredential | null>;
  addCredential(conferenceId: string, credential: StoredCredential): Promise<void>;
  /** Changes the kind of the credential of a person (admit, decline). */
  setCredentialKind(conferenceId: string, participantId: string, from: CredentialKind, to: CredentialKind): Promise<boolean>;
  /** Revokes every live invitation of `role`; returns how many. */
  revokeInvitations(conferenceId: string, role: string, at: number, lead?: boolean): Promise<number>;
  audit(conferenceId: string, entry: AuditEntry): Promise<void>;
  auditTrail(conferenceId: string): Promise<AuditEntry[]>;
  /** Notes that the conference is in use now. */
  touch(id: string, at: number): Promise<void>;
  /** Conferences never ended that nobody has opened since `before`. */
  unendedIdleSince(before: number): Promise<string[]>;
  /** Locked conferences whose lock is older than `before`. */
  lockedBefore(before: number): Promise<string[]>;
  /** The review that follows a conference in its chain, if there is one. */
  nextInChain(id: string): Promise<string | null>;
  /**
   * Conferences deleted once that are here again (a backup restored after they were deleted): the
   * server deletes them again at start. PostgreSQL keeps no such list (see docs/deployment.md).
   */
  deletedAlready(): Promise<string[]>;
  /** Keeps a published version of the record; false (nothing written) when that version is kept already. */
  saveVersion(conferenceId: string, version: RecordVersion): Promise<boolean>;
  /** The versions of a record, first to last, without their documents. */
  versions(conferenceId: string): Promise<Array<Omit<RecordVersion, 'board' | 'chair'>>>;
  version(conferenceId: string, version: number): Promise<RecordVersion | null>;
  /** Requests for changes to the record, oldest first. */
  addAmendment(conferenceId: string, request: AmendmentRequest): Promise<void>;
  amendments(conferenceId: string): Promise<AmendmentRequest[]>;
  /** Replaces a request while its status is still `from` (two screens answering at once: one wins); returns whether it did. */
  updateAmendment(conferenceId: string, request: AmendmentRequest, from: AmendmentStatus): Promise<boolean>;
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
  /** Writes a row of its own and resolves once stored: whether this instance can store anything. */
  probe(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Folds a room's stored updates into one snapshot, one update at a time: each is applied in its own
 * transaction, so the content it overwrites or deletes is garbage-collected at once. Memory stays
 * about the size of the document, however long the log (a log of overwritten 1 MiB texts would
 * otherwise be held whole until the end). Stores feed it rows as they read them.
 */
export class SnapshotFold {
  private readonly doc = new Y.Doc();

  add(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update);
  }

  /** The snapshot, with deleted content garbage-collected; the fold cannot be used after. */
  finish(): Uint8Array {
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    this.doc.destroy();
    return snapshot;
  }
}

/** One snapshot of a room's stored updates, with deleted content garbage-collected. */
export function snapshotOf(updates: Iterable<Uint8Array>): Uint8Array {
  const fold = new SnapshotFold();
  for (const u of updates) fold.add(u);
  return fold.finish();
}

/** A stored request for a change, read back (a row that is not one is skipped, never trusted). */
export function parseAmendment(body: string): AmendmentRequest[] {
  try {
    const a = JSON.parse(body) as Partial<AmendmentRequest> | null;
    if (!a || typeof a !== 'object' || typeof a.id !== 'string' || typeof a.part !== 'string' || typeof a.askedAt !== 'number') return [];
    if (a.status !== 'waiting' && a.status !== 'accepted' && a.status !== 'declined') return [];
    return [a as AmendmentRequest];
  } catch {
    return [];
  }
}
