import crypto from 'node:crypto';
import * as Y from 'yjs';
import {
  canonicalRecord,
  chairRoomName,
  conferenceSnapshot,
  markSealed,
  markVersion,
  partsChanged,
  readChairState,
  snapshotOfStates,
  type AmendmentRequest,
  type ConferenceSnapshot,
  type VersionChange,
} from '../../shared/model/index.js';
import type { Rooms } from '../relay/rooms.js';
import type { ConferenceStore, RecordVersion } from '../store/store.js';

/**
 * Versions of the record, on the server. Each published version is kept as it was: its hash and
 * both documents' Yjs states, stored once and never written again (the store refuses a second
 * write of the same version). Whatever anyone downloads after the meeting (the PDF, the JSON, the
 * CSV) is made from a stored version, never from the live documents, which the chair may be
 * amending.
 */

/** The SHA-256 (hex) of a record's canonical text. */
export function recordHash(canonical: string): string {
  return crypto.createHash('sha256').update(canonical, 'utf8').digest('hex');
}

async function keepVersion(
  store: ConferenceStore,
  rooms: Rooms,
  conferenceId: string,
  version: number,
  hash: string,
  at: number,
): Promise<void> {
  const states = await rooms.readConference(conferenceId, (doc, chairDoc) => ({
    board: Y.encodeStateAsUpdate(doc),
    chair: Y.encodeStateAsUpdate(chairDoc),
  }));
  await store.saveVersion(conferenceId, { version, hash, publishedAt: at, ...states });
}

/**
 * Seals the record once the meeting has ended: reads the final record out of both documents (after
 * catching up with the store, where other instances may have written last changes), computes its
 * SHA-256, writes it into the chair's document (so every PDF prints it) and the audit trail, and
 * keeps both documents as version 1.
 */
export async function sealRecord(store: ConferenceStore, rooms: Rooms, conferenceId: string, at: number): Promise<string> {
  await rooms.catchUpConference(conferenceId);
  const hash = await rooms.readConference(conferenceId, (doc, chairDoc) => recordHash(canonicalRecord(conferenceSnapshot(doc, chairDoc))));
  await rooms.change(chairRoomName(conferenceId), (doc) => markSealed(doc, hash, at));
  await keepVersion(store, rooms, conferenceId, 1, hash, at);
  await store.audit(conferenceId, { at, event: 'sealed', participantId: null, name: null, roleLabel: null, role: null, detail: hash });
  return hash;
}

/**
 * The published versions of an ended conference, first to last. A record sealed before versions
 * were kept (or whose version 1 could not be stored) gets its version 1 now, from the documents,
 * which nobody can have changed since: the meeting is locked and no amendment was ever accepted.
 */
export async function publishedVersions(
  store: ConferenceStore,
  rooms: Rooms,
  conferenceId: string,
): Promise<Array<Omit<RecordVersion, 'board' | 'chair'>>> {
  const versions = await store.versions(conferenceId);
  if (versions.length > 0) return versions;
  const chair = await rooms.read(chairRoomName(conferenceId), readChairState);
  if (!chair.sealedHash || chair.version !== 1 || chair.amending) return [];
  await keepVersion(store, rooms, conferenceId, 1, chair.sealedHash, chair.sealedAt ?? chair.lockedAt ?? Date.now());
  return store.versions(conferenceId);
}

/** The latest published version of an ended conference, with its record; null before the meeting ends. */
export async function latestVersion(
  store: ConferenceStore,
  rooms: Rooms,
  conferenceId: string,
): Promise<{ version: RecordVersion; snapshot: ConferenceSnapshot } | null> {
  const versions = await publishedVersions(store, rooms, conferenceId);
  const last = versions[versions.length - 1];
  const version = last ? await store.version(conferenceId, last.version) : null;
  return version ? { version, snapshot: snapshotOfStates(version.board, version.chair) } : null;
}

export class NothingChangedError extends Error {}

/**
 * Publishes the next version: what changed since the latest version (with the accepted requests
 * behind each change, or the chair's note), its number, then its own hash; both documents are kept
 * as that version and amending ends. Refuses (NothingChangedError) when the record is as it was.
 */
export async function publishVersion(
  store: ConferenceStore,
  rooms: Rooms,
  conferenceId: string,
  accepted: readonly AmendmentRequest[],
  note: string,
  at: number,
): Promise<{ version: number; hash: string; changes: VersionChange[] }> {
  const latest = await latestVersion(store, rooms, conferenceId);
  if (!latest) throw new Error('the record has no published version to amend');
  await rooms.catchUpConference(conferenceId);
  const now = await rooms.readConference(conferenceId, conferenceSnapshot);
  const changed = partsChanged(latest.snapshot, now);
  if (changed.length === 0) throw new NothingChangedError();
  const changes: VersionChange[] = changed.map((c) => {
    const asked = accepted.filter((a) => a.part === c.part);
    const answers = asked.map((a) => a.answer).filter(Boolean);
    return {
      ...c,
      requests: asked.map((a) => ({ name: a.name, roleLabel: a.roleLabel, wrong: a.wrong, askedAt: a.askedAt })),
      note: (answers.length ? answers.join('\n') : note).slice(0, 2000),
    };
  });
  const version = latest.version.version + 1;
  await rooms.change(chairRoomName(conferenceId), (doc) => markVersion(doc, version, changes));
  const hash = await rooms.readConference(conferenceId, (doc, chairDoc) => recordHash(canonicalRecord(conferenceSnapshot(doc, chairDoc))));
  await rooms.change(chairRoomName(conferenceId), (doc) => markSealed(doc, hash, at));
  await keepVersion(store, rooms, conferenceId, version, hash, at);
  return { version, hash, changes };
}
