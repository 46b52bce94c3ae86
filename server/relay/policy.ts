import type * as Y from 'yjs';
import {
  BOARD_SCHEMA,
  boardRoot,
  CHAIR_SCHEMA,
  checkUpdate,
  migrateBoardDoc,
  migrateChairDoc,
  readChairState,
  readParticipants,
  recordParticipant,
  recordRead,
  refusalReason,
  registerWriter,
  writerOf,
  type ChairState,
  type CheckResult,
  type DocumentSchema,
  type Participant,
  type Refusal,
} from '../../shared/model/index.js';
import type { FastifyBaseLogger } from 'fastify';
import type { Connection } from './connection.js';
import { WriteLimits, type WriteLimitOptions } from './limits.js';
import { ProtocolError } from './protocol.js';
import type { ApplyDecision, Room, RoomHooks } from './room.js';

/** Close code for an update that breaks the schema or the write rules. The stock client does not retry 44xx. */
export const CLOSE_REFUSED = 4403;

/** What the checks cost: updates checked and the time spent checking them (for /healthz and the benchmark). */
export const checkStats = { updates: 0, nanoseconds: 0n };

function timed<T>(check: () => T): T {
  const started = process.hrtime.bigint();
  try {
    return check();
  } finally {
    checkStats.updates++;
    checkStats.nanoseconds += process.hrtime.bigint() - started;
  }
}

/** The chair's state, read again only when the chair's document has changed. */
function chairStateOf(doc: Y.Doc): () => ChairState {
  let version = 0;
  let cached: { version: number; state: ChairState } | null = null;
  doc.on('update', () => version++);
  return () => {
    if (!cached || cached.version !== version) cached = { version, state: readChairState(doc) };
    return cached.state;
  };
}

/** The participant directory, read again only after it changed: not once per update. */
function directoryOf(): (doc: Y.Doc) => ReadonlyMap<string, Participant> {
  let cached: { doc: Y.Doc; participants: ReadonlyMap<string, Participant> | null } | null = null;
  return (doc) => {
    if (cached?.doc !== doc) {
      const entry: { doc: Y.Doc; participants: ReadonlyMap<string, Participant> | null } = { doc, participants: null };
      boardRoot(doc, 'participants').observeDeep(() => (entry.participants = null));
      cached = entry;
    }
    return (cached.participants ??= readParticipants(doc));
  };
}

function refusal(log: FastifyBaseLogger, room: Room, conn: Connection, r: Refusal): ApplyDecision {
  // Bytes that are not a Yjs update at all are broken input, as the relay answers any other.
  if (r.code === 'malformed') return { kind: 'refuse', error: new ProtocolError(4400, 'document update does not decode') };
  // Ids and codes only: never what the update said.
  log.warn({ event: 'relay.refused_update', room: room.name, role: conn.rights.role, code: r.code, where: r.where, detail: r.detail });
  return { kind: 'refuse', error: new ProtocolError(CLOSE_REFUSED, refusalReason(r)) };
}

function check(
  schema: DocumentSchema,
  room: Room,
  conn: Connection,
  update: Uint8Array,
  chair: ChairState,
  participants: ReadonlyMap<string, Participant>,
): CheckResult {
  return checkUpdate(schema, room.doc, update, {
    sender: { id: conn.rights.identity, role: conn.rights.role },
    now: Date.now(),
    chair,
    doc: room.doc,
    participants,
  });
}

/**
 * The board's policy: migrations on load, the participant directory on join, and every update
 * checked against the schema and the rules (shared/model) before it touches the document, then
 * against the limits on size, each person's share and how fast they add records (limits.ts). Each
 * Yjs client id belongs to the first participant who writes with it: nobody may add content under
 * another person's client id.
 */
export function boardPolicy(chairRoom: Room, log: FastifyBaseLogger, limitOptions: WriteLimitOptions): RoomHooks {
  const chairState = chairStateOf(chairRoom.doc);
  const directory = directoryOf();
  const limits = new WriteLimits(limitOptions);
  return {
    loaded: (room) => {
      room.serverChange((doc) => migrateBoardDoc(doc));
      limits.countLoaded(room.doc);
    },
    joined: (room, conn) =>
      room.serverChange((doc) => {
        const { identity: id, name, roleLabel, role, lead } = conn.rights;
        recordParticipant(doc, { id, name, roleLabel, role, lead });
        // "No surprises": the chair and the lead see when the family read what was prepared.
        if (role === 'family' && chairState().preparing) recordRead(doc, id);
      }),
    beforeApply: (room, conn, update) => {
      const result = timed(() => check(BOARD_SCHEMA, room, conn, update, chairState(), directory(room.doc)));
      if (!result.ok) return refusal(log, room, conn, result.refusal);
      if (result.empty) return { kind: 'skip' };
      const limited = limits.admit(room, conn.rights.identity, update, result);
      if (limited) return refusal(log, room, conn, limited);
      const claims: number[] = [];
      for (const [client, range] of result.writers) {
        const owner = writerOf(room.doc, client);
        if (owner === conn.rights.identity) continue;
        // A client id is claimed by the first person to write with it, if it is new, and if nobody
        // else shows presence under it.
        if (owner === null && range.from === 0 && !room.presenceOfOther(client, conn)) claims.push(client);
        else return refusal(log, room, conn, { code: 'foreign-client', where: 'update' });
      }
      if (claims.length === 0) return { kind: 'apply' };
      return { kind: 'apply', prepare: (doc) => claims.forEach((client) => registerWriter(doc, client, conn.rights.identity)) };
    },
    writableWhileLocked: (_room, conn) => conn.rights.role === 'chair' && chairState().amending,
  };
}

/**
 * The chair's document: only the chair writes it (the relay drops other writes); values and
 * server-only fields are checked, then the limits on size and the chair's share.
 */
export function chairPolicy(log: FastifyBaseLogger, limitOptions: WriteLimitOptions): RoomHooks {
  const limits = new WriteLimits(limitOptions);
  return {
    loaded: (room) => room.serverChange((doc) => migrateChairDoc(doc)),
    beforeApply: (room, conn, update) => {
      const result = timed(() => check(CHAIR_SCHEMA, room, conn, update, readChairState(room.doc), new Map()));
      if (!result.ok) return refusal(log, room, conn, result.refusal);
      if (result.empty) return { kind: 'skip' };
      const limited = limits.admit(room, conn.rights.identity, update, result);
      return limited ? refusal(log, room, conn, limited) : { kind: 'apply' };
    },
    writableWhileLocked: (room, conn) => conn.rights.role === 'chair' && readChairState(room.doc).amending,
  };
}
