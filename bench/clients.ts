import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { HocuspocusProvider, type HocuspocusProviderConfiguration } from '@hocuspocus/provider';
import type { Awareness } from 'y-protocols/awareness';
import type { Author } from '../shared/model/index.js';
import type { RelayName } from './relays.js';

/** One simulated participant: a Y.Doc synced through a relay with that relay's own client. */
export interface BenchClient {
  doc: Y.Doc;
  awareness: Awareness;
  synced: Promise<void>;
  destroy(): void;
}

export interface Target {
  relay: RelayName;
  wsUrl: string;
  httpUrl: string;
}

/** Who the simulated participants write as (for the peers, any valid author: they check nothing). */
const PEER_AUTHOR: Author = { id: 'bench-writer', name: 'Bench', roleLabel: 'Chair', role: 'chair' };

/**
 * A room to connect to: for our relay a real conference, with its chair token and the chair's
 * identity, which every simulated client writes as (our relay checks every update against the
 * rules, so the workload is the real one: items on the board, written as oneself).
 */
export async function prepareRoom(target: Target): Promise<{ room: string; token?: string; author: Author }> {
  if (target.relay !== 'ours') return { room: `bench-${Math.random().toString(36).slice(2)}`, author: PEER_AUTHOR };
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
  if (target.relay === 'hocuspocus') {
    const provider = new HocuspocusProvider({
      url: target.wsUrl,
      name: room,
      document: doc,
      WebSocketPolyfill: WebSocket,
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
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return {
    doc,
    awareness: provider.awareness,
    synced: new Promise((resolve) => {
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
