import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { addCard, allCards, editCardText, type Author } from '../../shared/model/index.js';
import {
  api,
  connectClient,
  createConference,
  joinThroughLobby,
  startServer,
  synced,
  tryUpgrade,
  waitFor,
  whoIs,
  type Conference,
  type RunningServer,
} from './harness.js';

const MARKER = 'HOSTILE-MARKER-7f3a';

let s: RunningServer;
let conf: Conference;
let other: Conference;
let attackerToken: string;
/** The attacker as the server knows them: their updates are well-formed and their own, just hostile. */
let attacker: Author;
let bystander: ReturnType<typeof connectClient>;
let elsewhere: ReturnType<typeof connectClient>;

beforeAll(async () => {
  s = await startServer({
    env: {
      MAX_MESSAGE_BYTES: '16384',
      MAX_DOCUMENT_BYTES: '65536',
      MAX_BUFFERED_BYTES: '65536',
      MESSAGES_PER_SECOND: '50',
      PRESENCE_PER_SECOND: '5',
      RATE_LIMIT_TOKEN_CHECKS_PER_MINUTE: '300',
    },
  });
  conf = await createConference(s);
  other = await createConference(s);
  attackerToken = await joinThroughLobby(s, conf, conf.professionalToken, 'Mallory', 'Other');
  attacker = await whoIs(s, conf.id, attackerToken);
  bystander = connectClient(s, conf.id, conf.chairToken);
  elsewhere = connectClient(s, other.id, other.chairToken);
  await Promise.all([synced(bystander.provider), synced(elsewhere.provider)]);
});

afterAll(async () => {
  bystander?.provider.destroy();
  elsewhere?.provider.destroy();
  await s?.stop('SIGKILL');
});

/** Opens a raw websocket as a participant who then misbehaves; resolves with how the server closed it. */
async function misbehave(send: (ws: WebSocket) => void | Promise<void>): Promise<{ code: number; reason: string }> {
  const ws = new WebSocket(`${s.wsUrl}/${conf.id}?token=${attackerToken}`);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('error', () => undefined);
  await new Promise((resolve) => ws.on('open', resolve));
  await send(ws);
  return closed;
}

function frame(...parts: Array<(e: encoding.Encoder) => void>): Uint8Array {
  const e = encoding.createEncoder();
  for (const part of parts) part(e);
  return encoding.toUint8Array(e);
}
const uint = (n: number) => (e: encoding.Encoder) => encoding.writeVarUint(e, n);
const bytes = (b: Uint8Array) => (e: encoding.Encoder) => encoding.writeVarUint8Array(e, b);
const raw = (b: Uint8Array) => (e: encoding.Encoder) => encoding.writeUint8Array(e, b);

/** A Yjs update from the attacker that adds a card whose text is `text` (valid up to 2,000 characters). */
function cardUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  addCard(doc, { column: 'danger', text: text.slice(0, 2000), author: attacker });
  const cards = doc.getMap<Y.Map<unknown>>('cards');
  if (text.length > 2000) for (const card of cards.values()) card.set('text', text);
  return Y.encodeStateAsUpdate(doc);
}

/** The room, other conferences and the store are untouched, and the server still serves. */
async function expectNothingLeaked(): Promise<void> {
  await new Promise((r) => setTimeout(r, 200));
  expect(allCards(bystander.doc).some((c) => c.text.includes(MARKER))).toBe(false);
  expect(bystander.provider.wsconnected).toBe(true);
  expect(elsewhere.provider.wsconnected).toBe(true);
  const stored = Buffer.concat(
    fs
      .readdirSync(s.dataDir)
      .filter((f) => f.startsWith('conference-board.sqlite'))
      .map((f) => fs.readFileSync(path.join(s.dataDir, f))),
  );
  expect(stored.includes(Buffer.from(MARKER))).toBe(false);
  expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
}

describe('hostile and broken input', () => {
  it('text frames', async () => {
    expect(await misbehave((ws) => ws.send(`${MARKER} hello`))).toEqual({ code: 4400, reason: 'text messages are not accepted' });
    await expectNothingLeaked();
  });

  it('empty and one-byte frames', async () => {
    expect(await misbehave((ws) => ws.send(new Uint8Array(0)))).toEqual({ code: 4400, reason: 'empty message' });
    expect(await misbehave((ws) => ws.send(new Uint8Array([0])))).toEqual({ code: 4400, reason: 'message does not decode' });
    expect(await misbehave((ws) => ws.send(new Uint8Array([1])))).toEqual({ code: 4400, reason: 'message does not decode' });
    await expectNothingLeaked();
  });

  it('unknown message types', async () => {
    expect(await misbehave((ws) => ws.send(frame(uint(7), uint(1))))).toEqual({ code: 4400, reason: 'unknown message type' });
    expect(await misbehave((ws) => ws.send(frame(uint(0), uint(9), bytes(new Uint8Array([1, 2])))))).toEqual({
      code: 4400,
      reason: 'unknown sync message type',
    });
    await expectNothingLeaked();
  });

  it('sync messages with garbage, truncated payloads, or a length longer than the data', async () => {
    const garbage = new TextEncoder().encode(`${MARKER} this is not a Yjs update at all`);
    expect(await misbehave((ws) => ws.send(frame(uint(0), uint(2), bytes(garbage))))).toEqual({
      code: 4400,
      reason: 'document update does not decode',
    });
    const update = cardUpdate(`${MARKER} truncated`);
    const truncated = frame(uint(0), uint(2), bytes(update)).slice(0, 20);
    expect(await misbehave((ws) => ws.send(truncated))).toEqual({ code: 4400, reason: 'message does not decode' });
    const lying = frame(uint(0), uint(2), uint(5000), raw(update));
    expect(await misbehave((ws) => ws.send(lying))).toEqual({ code: 4400, reason: 'message does not decode' });
    const trailing = frame(uint(0), uint(2), bytes(update), raw(new Uint8Array([1, 2, 3])));
    expect(await misbehave((ws) => ws.send(trailing))).toEqual({ code: 4400, reason: 'message has trailing bytes' });
    await expectNothingLeaked();
  });

  it('an update that would push the document past its size limit', async () => {
    // Under the message limit each, but the document would pass 64 KiB.
    const piece = (i: number): Uint8Array => cardUpdate(`${i} ${'x'.repeat(1900)}`);
    const result = await misbehave((ws) => {
      for (let i = 0; i < 40; i++) ws.send(frame(uint(0), uint(2), bytes(piece(i))));
      ws.send(frame(uint(0), uint(2), bytes(cardUpdate(`${MARKER} over the limit`))));
    });
    // Refused as the rules refuse (our client starts again from the server's copy and says why).
    expect(result).toEqual({ code: 4403, reason: 'refused document-full document' });
    await expectNothingLeaked();
  });

  it('frames over the size limit', async () => {
    const big = cardUpdate(`${MARKER} ${'y'.repeat(20_000)}`);
    expect(big.byteLength).toBeGreaterThan(16384);
    expect(await misbehave((ws) => ws.send(frame(uint(0), uint(2), bytes(big))))).toEqual({ code: 4413, reason: 'message too large' });
    // Far over it: refused by the websocket layer from the frame's header, with the same reason.
    const huge = frame(uint(0), uint(2), bytes(cardUpdate(`${MARKER} ${'y'.repeat(200_000)}`)));
    expect(await misbehave((ws) => ws.send(huge))).toEqual({ code: 4413, reason: 'message too large' });
    await expectNothingLeaked();
  });

  it('a flood of messages, of presence updates, or of sync requests, from one connection', async () => {
    const query = frame(uint(3));
    expect(
      await misbehave((ws) => {
        for (let i = 0; i < 1000; i++) ws.send(query);
      }),
    ).toEqual({ code: 4429, reason: 'too many messages' });
    const presence = (clock: number): Uint8Array =>
      frame(
        uint(1),
        bytes(frame(uint(1), uint(424242), uint(clock), (e) => encoding.writeVarString(e, JSON.stringify({ user: { name: 'Mallory' } })))),
      );
    expect(
      await misbehave((ws) => {
        for (let i = 1; i <= 60; i++) ws.send(presence(i));
      }),
    ).toEqual({ code: 4429, reason: 'too many presence updates' });
    // Each sync request is answered with what the sender lacks (the whole document, for an empty one).
    const syncRequest = frame(uint(0), uint(0), bytes(Y.encodeStateVector(new Y.Doc())));
    expect(
      await misbehave((ws) => {
        for (let i = 0; i < 20; i++) ws.send(syncRequest);
      }),
    ).toEqual({ code: 4429, reason: 'too many sync requests' });
    await expectNothingLeaked();
  });

  it('a client that stops reading is dropped before its buffer grows without bound', async () => {
    // Its own server, with the default message and document limits and a 64 KiB send buffer, and
    // room for the writer's heavy traffic (far more than a person sends).
    const own = await startServer({
      env: {
        MAX_BUFFERED_BYTES: '65536',
        BYTES_PER_SECOND: String(256 * 1024 * 1024),
        CONFERENCE_BYTES_PER_SECOND: String(256 * 1024 * 1024),
        MAX_PERSON_BYTES: String(1024 * 1024 * 1024),
        MAX_DOCUMENT_BYTES: String(1024 * 1024 * 1024),
      },
    });
    try {
      const room = await createConference(own);
      const slow = new WebSocket(`${own.wsUrl}/${room.id}?token=${room.chairToken}`);
      await new Promise((resolve) => slow.on('open', resolve));
      // Stop reading: nothing the server sends is taken off the socket any more.
      (slow as unknown as { _socket: { pause(): void } })._socket.pause();
      const writer = connectClient(own, room.id, room.chairToken);
      await synced(writer.provider);
      const chair = await whoIs(own, room.id, room.chairToken);
      const ids: string[] = [];
      writer.doc.transact(() => {
        for (let i = 0; i < 250; i++) ids.push(addCard(writer.doc, { column: 'grey', text: `Item ${i}`, author: chair }).id);
      });
      // Heavy but legitimate traffic, far more than the operating system buffers for a socket:
      // every item rewritten at full length, 250 at a time (about 500 KB a message).
      for (let i = 0; i < 120 && !own.output().includes('relay.slow_reader_dropped'); i++) {
        writer.doc.transact(() => {
          for (const id of ids) editCardText(writer.doc, id, `${i} ${'z'.repeat(1990)}`, chair);
        });
        await new Promise((r) => setTimeout(r, 30));
      }
      await waitFor(() => own.output().includes('relay.slow_reader_dropped'), 'the slow reader to be dropped', 20_000);
      const health = (await (await fetch(`${own.url}/healthz`)).json()) as { connections: number };
      expect(health.connections).toBe(1);
      expect(writer.provider.wsconnected).toBe(true);
      slow.terminate();
      writer.provider.destroy();
    } finally {
      await own.stop('SIGKILL');
    }
  });

  it('thousands of connection attempts with bad tokens are cut off; everyone else carries on', async () => {
    const started = Date.now();
    const statuses: number[] = [];
    for (let batch = 0; batch < 40; batch++) {
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          tryUpgrade(`${s.wsUrl}/${conf.id}?token=guess-${batch}-${i}`, { localAddress: '127.0.0.2' }).then((r) => r.status),
        ),
      );
      statuses.push(...results);
    }
    expect(statuses).toHaveLength(2000);
    expect(statuses.filter((x) => x === 101)).toHaveLength(0);
    // The first attempts are refused as wrong; the rest are cut off by the rate limit.
    expect(statuses.filter((x) => x === 429).length).toBeGreaterThan(1000);
    expect(new Set(statuses)).toEqual(new Set([401, 429]));
    // A participant on another address is not affected, and the room still works.
    const late = connectClient(s, conf.id, conf.chairToken);
    await synced(late.provider);
    addCard(late.doc, { column: 'safety', text: 'Still working after the storm', author: await whoIs(s, conf.id, conf.chairToken) });
    await waitFor(() => allCards(bystander.doc).some((c) => c.text === 'Still working after the storm'), 'an edit after the storm');
    late.provider.destroy();
    expect(Date.now() - started).toBeLessThan(60_000);
    expect((await api(s, 'GET', `/api/conferences/${other.id}/me`, other.chairToken)).status).toBe(200);
  });
});
