import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';

/** The stock y-websocket message types. */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** A message from a client, decoded far enough to decide what to do with it. */
export type ClientMessage =
  | { kind: 'sync-step-1'; stateVector: Uint8Array }
  | { kind: 'doc-update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array; entries: AwarenessEntry[] }
  | { kind: 'query-awareness' };

/** Why a message was refused; the connection is closed with `code` and `reason`. */
export class ProtocolError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'ProtocolError';
  }
}

/**
 * One entry of an awareness (presence) update, read only as far as its id and clock: the state is
 * kept as the bytes that were sent. Stock clients echo everyone's presence back to the server, and
 * most entries are such echoes, dropped on their clock alone; only an entry that is kept has its
 * state decoded and checked (`presenceAsServerSays`).
 */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The state's JSON text as sent, still encoded (UTF-8). */
  state: Uint8Array;
}

function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    entries.push({ clientId, clock, state: decoding.readVarUint8Array(decoder) });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
  return entries;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const toUtf8 = new TextEncoder();

/** Who a connection is, as the server holds it: what presence says of it, whatever the client sent. */
export interface PresenceUser {
  id: string;
  name: string;
  roleLabel: string;
  role: string;
}

/**
 * A presence entry the relay keeps, as it relays it: the state must be JSON, an object or null (a
 * ProtocolError if not), at most `maxBytes` as sent (4413 if larger), and its `user` is replaced by
 * `user`, so that nobody can appear as someone else.
 */
export function presenceAsServerSays(entry: AwarenessEntry, user: PresenceUser, maxBytes: number): AwarenessEntry {
  if (entry.state.byteLength > maxBytes) throw new ProtocolError(4413, 'presence too large');
  let state: unknown;
  try {
    state = JSON.parse(utf8.decode(entry.state));
  } catch {
    throw new ProtocolError(4400, 'message does not decode');
  }
  if (state === null) return entry;
  if (typeof state !== 'object' || Array.isArray(state)) throw new ProtocolError(4400, 'presence is not an object');
  return { ...entry, state: toUtf8.encode(JSON.stringify({ ...state, user })) };
}

/** An awareness update made of these entries, exactly as they were sent. */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarUint8Array(encoder, e.state);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * An awareness update from entries already encoded (each `clientId, clock, state` as
 * awarenessProtocol.encodeAwarenessUpdate writes them), so that a message for each recipient can
 * leave out its own entry without encoding the others again.
 */
export function joinAwarenessEntries(entries: readonly Uint8Array[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) encoding.writeUint8Array(encoder, e);
  return encoding.toUint8Array(encoder);
}

/**
 * Decodes one binary frame. Anything that does not decode, in full, as a stock y-websocket message
 * is refused with a ProtocolError: nothing of it is applied or relayed.
 */
export function decodeClientMessage(data: Uint8Array): ClientMessage {
  if (data.byteLength === 0) throw new ProtocolError(4400, 'empty message');
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    let message: ClientMessage;
    if (type === MESSAGE_SYNC) {
      const syncType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (syncType === syncProtocol.messageYjsSyncStep1) message = { kind: 'sync-step-1', stateVector: payload };
      else if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
        message = { kind: 'doc-update', update: payload };
      } else throw new ProtocolError(4400, 'unknown sync message type');
    } else if (type === MESSAGE_AWARENESS) {
      const update = decoding.readVarUint8Array(decoder);
      message = { kind: 'awareness', update, entries: decodeAwarenessEntries(update) };
    } else if (type === MESSAGE_QUERY_AWARENESS) {
      message = { kind: 'query-awareness' };
    } else {
      throw new ProtocolError(4400, 'unknown message type');
    }
    if (decoding.hasContent(decoder)) throw new ProtocolError(4400, 'message has trailing bytes');
    return message;
  } catch (err) {
    if (err instanceof ProtocolError) throw err;
    throw new ProtocolError(4400, 'message does not decode');
  }
}

export { awarenessProtocol };
