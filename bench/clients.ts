import * as Y from 'yjs';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import { HocuspocusProvider, type HocuspocusProviderConfiguration } from '@hocuspocus/provider';
import type { Awareness } from 'y-protocols/awareness';
import { chairRoomName, type Author } from '../shared/model/index.js';
import { sendOwnPresenceOnly } from '../client/src/conference/presenceEcho.js';
import { isOurs, type ClientKind, type RelayName } from './relays.js';

/** Milliseconds on the machine's monotonic clock: the same clock in every process (CLOCK_MONOTONIC). */
export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** One simulated participant: a Y.Doc synced through a relay with that relay's own client. */
export interface BenchClient {
  doc: Y.Doc;
  awareness: Awareness;
  synced: Promise<void>;
  destroy(): void;
}

export interface Target {
  relay: RelayName;
  client: ClientKind;
  wsUrl: string;
  httpUrl: string;
}

/** A room as the load generator needs it: for ours, a real conference with the chair's token and identity. */
export interface PreparedRoom {
  room: string;
  token?: string;
  author: Author;
}

/** Who the simulated participants write as (for the peers, any valid author: they check nothing). */
const PEER_AUTHOR: Author = { id: 'bench-writer', name: 'Bench', roleLabel: 'Chair', role: 'chair' };

/**
 * What every client in this process received, counted only between `from` and `to` (the measured
 * time): frames and bytes, whatever the client library.
 */
export const traffic = { from: Infinity, to: -Infinity, frames: 0, bytes: 0 };

function frameBytes(data: WebSocket.RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, b) => sum + b.byteLength, 0);
  return data.byteLength;
}

/** ws's WebSocket, counting what it receives (both client libraries accept it as their WebSocket). */
class CountingWebSocket extends WebSocket {
  constructor(address: string | URL, protocols?: string | string[], options?: WebSocket.ClientOptions) {
    super(address, protocols, options);
    this.on('message', (data: WebSocket.RawData) => {
      const t = nowMs();
      if (t < traffic.from || t > traffic.to) return;
      traffic.frames++;
      traffic.bytes += frameBytes(data);
    });
  }
}

/**
 * A room to connect to: for our relay a real conference, with its chair token and the chair's
 * identity, which every simulated client writes as (our relay checks every update against the
 * rules, so the workload is the real one: items on the board, written as oneself).
 */
export async function prepareRoom(target: { relay: RelayName; httpUrl: string }): Promise<PreparedRoom> {
  if (!isOurs(target.relay)) return { room: `bench-${Math.random().toString(36).slice(2)}`, author: PEER_AUTHOR };
  const res = await fetch(`${target.httpUrl}/api/conferences`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'initial',
      date: '2026-11-23',
      caseReference: 'BENCH',
      chairName: 'Bench',
      children: [{ name: 'A', age: 5 }],
    }),
  });
  if (res.status !== 201) throw new Error(`could not create a conference: ${res.status}`);
  const body = (await res.json()) as { id: string; chairToken: string };
  const me = (await (
    await fetch(`${target.httpUrl}/api/conferences/${body.id}/me`, { headers: { authorization: `Bearer ${body.chairToken}` } })
  ).json()) as { participantId: string; name: string; roleLabel: string; role: Author['role'] };
  return { room: body.id, token: body.chairToken, author: { id: me.participantId, name: me.name, roleLabel: me.roleLabel, role: me.role } };
}

export function connect(target: Target, room: string, token?: string): BenchClient {
  const doc = new Y.Doc();
  if (target.client === 'hocuspocus') {
    const provider = new HocuspocusProvider({
      url: target.wsUrl,
      name: room,
      document: doc,
      WebSocketPolyfill: CountingWebSocket,
    } as HocuspocusProviderConfiguration);
    const awareness = provider.awareness;
    if (!awareness) throw new Error('hocuspocus provider has no awareness');
    return {
      doc,
      awareness,
      synced: new Promise((resolve) => {
        if (provider.synced) resolve();
        else provider.on('synced', () => resolve());
      }),
      destroy: () => {
        provider.destroy();
        doc.destroy();
      },
    };
  }
  const provider = new WebsocketProvider(target.wsUrl, room, doc, {
    params: token ? { token } : {},
    WebSocketPolyfill: CountingWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  if (target.client === 'ours-fixed') sendOwnPresenceOnly(provider);
  return {
    doc,
    awareness: provider.awareness,
    synced: new Promise((resolve) => {
      // The floor keeps no document, so nobody answers the first client's sync: connected is enough.
      if (target.relay === 'floor') {
        provider.on('status', ({ status }: { status: string }) => {
          if (status === 'connected') resolve();
        });
        return;
      }
      if (provider.synced) resolve();
      else
        provider.on('sync', (s: boolean) => {
          if (s) resolve();
        });
    }),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** A y-websocket protocol message carrying one document update. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/**
 * A lean participant for the capacity and flood scenarios, where thousands of people share the
 * machine with the relay: it speaks the y-websocket protocol (sync step 1 on connect, its own
 * presence, its own updates), as our client does, but never decodes what it receives. Its
 * `doc` (writers only) holds just what it wrote itself, which is all its edits depend on.
 */
export class LeanClient {
  readonly doc = new Y.Doc();
  private readonly sockets: WebSocket[] = [];
  private clock = 0;
  private readonly presenceId = Math.floor(Math.random() * 2 ** 31);
  readonly open: Promise<void>;

  constructor(wsUrl: string, room: string, token: string, alsoChairRoom: boolean) {
    const rooms = alsoChairRoom ? [room, chairRoomName(room)] : [room];
    this.open = Promise.all(
      rooms.map(
        (name) =>
          new Promise<void>((resolve, reject) => {
            const ws = new WebSocket(`${wsUrl}/${name}?token=${encodeURIComponent(token)}`);
            ws.binaryType = 'nodebuffer';
            this.sockets.push(ws);
            ws.on('open', () => {
              const encoder = encoding.createEncoder();
              encoding.writeVarUint(encoder, 0);
              syncProtocol.writeSyncStep1(encoder, new Y.Doc());
              ws.send(encoding.toUint8Array(encoder));
              resolve();
            });
            ws.on('error', reject);
            ws.on('close', (code) => {
              if (code !== 1000 && code !== 1005 && code !== 1006 && !this.closing) process.stderr.write(`lean client closed: ${code}\n`);
            });
          }),
      ),
    ).then(() => undefined);
    this.doc.on('update', (update: Uint8Array) => this.send(updateMessage(update)));
  }

  private closing = false;

  /** Sends a raw protocol message on the board's socket. */
  send(message: Uint8Array): void {
    const ws = this.sockets[0];
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(message);
  }

  /** Sends this person's presence (a cursor that moved), as the awareness protocol encodes it. */
  presence(state: unknown): void {
    const json = JSON.stringify(state);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, this.presenceId);
    encoding.writeVarUint(inner, ++this.clock);
    encoding.writeVarString(inner, json);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
    this.send(encoding.toUint8Array(encoder));
  }

  get bufferedAmount(): number {
    return this.sockets.reduce((sum, ws) => sum + ws.bufferedAmount, 0);
  }

  close(): void {
    this.closing = true;
    for (const ws of this.sockets) ws.terminate();
    this.doc.destroy();
  }
}
