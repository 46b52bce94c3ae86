import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCard, allCards, chairRoomName, columnCards, readChairState } from '../../shared/model/index.js';
import { api, connectClient, createConference, joinThroughLobby, startServer, synced, waitFor, whoIs, type RunningServer } from './harness.js';
import { startBalancer, startPostgres, startRedis, type Service } from './infra.js';

let redis: Service;
let postgres: Service;
let a: RunningServer;
let b: RunningServer;
const clients: Array<ReturnType<typeof connectClient>> = [];

beforeAll(async () => {
  [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  const env = { DATABASE_URL: postgres.url, REDIS_URL: redis.url };
  // Two instances starting together both create the schema: that must not fail.
  [a, b] = await Promise.all([startServer({ env }), startServer({ env })]);
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.provider.destroy();
  await Promise.all([a?.stop('SIGKILL'), b?.stop('SIGKILL')]);
  await Promise.all([redis?.stop(), postgres?.stop()]);
});

function client(s: RunningServer | { wsUrl: string }, room: string, token: string): ReturnType<typeof connectClient> {
  const c = connectClient(s as RunningServer, room, token);
  clients.push(c);
  return c;
}

const presenceNames = (c: ReturnType<typeof connectClient>): string[] =>
  [...c.provider.awareness.getStates().values()].map((st) => (st.user as { name?: string } | undefined)?.name ?? '').filter(Boolean);

describe('several instances on PostgreSQL and Redis', () => {
  it('a chair on one instance and a parent on another see each other live; a dead instance loses nothing', async () => {
    // Everything about the conference is in PostgreSQL: created on A, joined on B.
    const conf = await createConference(a);
    const parentToken = await joinThroughLobby(b, conf, conf.familyToken, 'Şükrü', 'Dad');
    const balancer = await startBalancer([a.port, b.port]);
    try {
      const viaBalancer = { wsUrl: `ws://127.0.0.1:${balancer.port}/ws` };
      const chair = client(viaBalancer, conf.id, conf.chairToken); // lands on A
      const parent = client(b, conf.id, parentToken);
      await Promise.all([synced(chair.provider), synced(parent.provider)]);
      const chairAuthor = await whoIs(a, conf.id, conf.chairToken);
      const parentAuthor = await whoIs(b, conf.id, parentToken);

      addCard(chair.doc, { column: 'danger', text: 'From the chair on A', author: chairAuthor });
      addCard(parent.doc, { column: 'strengths', text: 'From the parent on B', author: parentAuthor });
      await waitFor(() => columnCards(parent.doc, 'danger').length === 1, 'A to B');
      await waitFor(() => columnCards(chair.doc, 'strengths').length === 1, 'B to A');

      chair.provider.awareness.setLocalStateField('user', { name: 'Ruth' });
      parent.provider.awareness.setLocalStateField('user', { name: 'Şükrü' });
      // Each as the server knows them (the chair's name as the conference has it).
      await waitFor(() => presenceNames(parent).includes(chairAuthor.name) && presenceNames(chair).includes('Şükrü'), 'presence to cross');

      for (let i = 0; i < 20; i++) addCard(chair.doc, { column: 'safety', text: `Chair item ${i}`, author: chairAuthor });
      await waitFor(() => columnCards(parent.doc, 'safety').length === 20, 'a burst to cross');

      // Instance A dies. The chair's client reconnects through the balancer to B and carries on.
      await a.stop('SIGKILL');
      addCard(chair.doc, { column: 'grey', text: 'Typed while A was down', author: chairAuthor });
      await waitFor(() => chair.provider.synced && columnCards(parent.doc, 'grey').length === 1, 'the chair to reconnect to B', 30_000);
      addCard(parent.doc, { column: 'complicating', text: 'After the failover', author: parentAuthor });
      await waitFor(() => columnCards(chair.doc, 'complicating').length === 1, 'edits after the failover');
      expect(
        allCards(chair.doc)
          .map((c) => c.text)
          .sort(),
      ).toEqual(
        allCards(parent.doc)
          .map((c) => c.text)
          .sort(),
      );
      expect(allCards(parent.doc)).toHaveLength(24);

      // A fresh instance loads the whole conference from PostgreSQL.
      a = await startServer({ env: { DATABASE_URL: postgres.url, REDIS_URL: redis.url } });
      const reader = client(a, conf.id, conf.chairToken);
      await synced(reader.provider);
      await waitFor(() => allCards(reader.doc).length === 24, 'everything from PostgreSQL');
    } finally {
      await balancer.stop();
    }
  });

  it('ending the meeting on one instance makes the board read-only on every instance', async () => {
    const conf = await createConference(a);
    const parentToken = await joinThroughLobby(a, conf, conf.familyToken, 'Zoë', 'Mum');
    const parent = client(b, conf.id, parentToken);
    const parentChairDoc = client(b, chairRoomName(conf.id), parentToken);
    const chair = client(a, conf.id, conf.chairToken);
    await Promise.all([parent, parentChairDoc, chair].map((c) => synced(c.provider)));
    const parentAuthor = await whoIs(b, conf.id, parentToken);
    addCard(parent.doc, { column: 'danger', text: 'Before the end', author: parentAuthor });
    await waitFor(() => columnCards(chair.doc, 'danger').length === 1, 'an edit before the end');

    expect((await api(a, 'POST', `/api/conferences/${conf.id}/lock`, conf.chairToken)).status).toBe(200);
    await waitFor(() => readChairState(parentChairDoc.doc).lockedAt !== null, 'the lock to reach B');
    addCard(parent.doc, { column: 'danger', text: 'After the end, on B', author: parentAuthor });
    await new Promise((r) => setTimeout(r, 500));
    expect(columnCards(chair.doc, 'danger').map((c) => c.text)).toEqual(['Before the end']);

    // Deleting on B disconnects the chair on A.
    const closed = new Promise<{ code: number }>((resolve) => chair.provider.on('closed', (e: { code: number }) => resolve(e)));
    expect((await api(b, 'DELETE', `/api/conferences/${conf.id}`, conf.chairToken)).status).toBe(204);
    expect((await closed).code).toBe(4410);
  });

  it('changes that arrive while PostgreSQL compacts the log are stored and relayed, not left waiting', async () => {
    // Compacting after every change: each one that arrives during a compaction must still go out.
    const c = await startServer({ env: { DATABASE_URL: postgres.url, REDIS_URL: redis.url, COMPACT_EVERY: '1' } });
    try {
      const conf = await createConference(c);
      const writer = client(c, conf.id, conf.chairToken);
      const watcher = client(c, conf.id, conf.chairToken);
      await Promise.all([synced(writer.provider), synced(watcher.provider)]);
      const chairAuthor = await whoIs(c, conf.id, conf.chairToken);
      // Each change is sent the moment the watcher sees the one before: while the server compacts.
      let sent = 0;
      const sendNext = (): void => {
        if (sent < 10 && columnCards(watcher.doc, 'safety').length === sent) {
          addCard(writer.doc, { column: 'safety', text: `Item ${sent}`, author: chairAuthor });
          sent++;
        }
      };
      watcher.doc.on('update', sendNext);
      sendNext();
      await waitFor(() => columnCards(watcher.doc, 'safety').length === 10, 'all ten items to be relayed', 5_000);
      writer.provider.destroy();
      watcher.provider.destroy();
      // The room is freed, so the reader's copy comes from PostgreSQL.
      const rooms = async (): Promise<number> => ((await (await fetch(`${c.url}/healthz`)).json()) as { rooms: number }).rooms;
      for (let i = 0; i < 50 && (await rooms()) > 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(await rooms()).toBe(0);
      const reader = client(c, conf.id, conf.chairToken);
      await synced(reader.provider);
      expect(columnCards(reader.doc, 'safety')).toHaveLength(10);
    } finally {
      await c.stop('SIGKILL');
    }
  });
});
