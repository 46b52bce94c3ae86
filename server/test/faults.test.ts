import { Database } from '../store/sqlite-driver.js';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, allCards, columnCards, type Author } from '../../shared/model/index.js';
import { connectClient, createConference, startServer, synced, waitFor, whoIs, type Conference, type RunningServer } from './harness.js';

/** The chair of a conference, as the server knows them: every client below writes with the chair's token. */
const chairOf = (s: RunningServer, conf: Conference): Promise<Author> => whoIs(s, conf.id, conf.chairToken);

let servers: RunningServer[] = [];
const clients: Array<ReturnType<typeof connectClient>> = [];

afterEach(async () => {
  for (const c of clients.splice(0)) {
    c.provider.destroy();
    c.doc.destroy();
  }
  await Promise.all(servers.map((s) => s.stop('SIGKILL')));
  servers = [];
});

async function server(options: Parameters<typeof startServer>[0] = {}): Promise<RunningServer> {
  const s = await startServer(options);
  servers.push(s);
  return s;
}

function client(s: RunningServer, room: string, token: string): ReturnType<typeof connectClient> {
  const c = connectClient(s, room, token);
  clients.push(c);
  return c;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('faults the product survives', () => {
  it('kill -9 during a burst of edits: everything relayed to anyone is there after restart, nothing twice', async () => {
    const s = await server();
    const conf = await createConference(s);
    const writers = [client(s, conf.id, conf.chairToken), client(s, conf.id, conf.chairToken), client(s, conf.id, conf.chairToken)];
    const observer = client(s, conf.id, conf.chairToken);
    await Promise.all([...writers, observer].map((c) => synced(c.provider)));
    const author = await chairOf(s, conf);
    let n = 0;
    const timers = writers.map((w, i) => setInterval(() => addCard(w.doc, { column: 'danger', text: `writer ${i} item ${n++}`, author }), 3));
    await waitFor(() => allCards(observer.doc).length >= 150, 'a burst to be under way');
    await s.stop('SIGKILL');
    timers.forEach((t) => clearInterval(t));
    const seen = allCards(observer.doc).map((c) => c.text);

    const again = await server({ dataDir: s.dataDir });
    const reader = client(again, conf.id, conf.chairToken);
    await synced(reader.provider);
    const after = allCards(reader.doc).map((c) => c.text);
    for (const text of seen) expect(after).toContain(text);
    expect(new Set(after).size).toBe(after.length);
  });

  it('SIGTERM closes every socket with "server restarting"; clients reconnect by themselves and carry on', async () => {
    const s = await server();
    const conf = await createConference(s);
    const a = client(s, conf.id, conf.chairToken);
    const b = client(s, conf.id, conf.chairToken);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    const author = await chairOf(s, conf);
    const closes: Array<{ code: number; reason: string }> = [];
    a.provider.on(
      'connection-close',
      (event: { code: number; reason: string } | null) => event && closes.push({ code: event.code, reason: event.reason }),
    );
    addCard(a.doc, { column: 'safety', text: 'Before the restart', author });
    await waitFor(() => columnCards(b.doc, 'safety').length === 1, 'edit before restart');

    await s.stop('SIGTERM');
    expect(closes[0]).toEqual({ code: 1012, reason: 'server restarting' });
    expect(s.output()).not.toContain('"level":50');
    addCard(a.doc, { column: 'safety', text: 'Typed while the server was away', author });

    await server({ dataDir: s.dataDir, port: s.port });
    await waitFor(() => a.provider.synced && b.provider.synced, 'both clients to reconnect', 20_000);
    await waitFor(() => columnCards(b.doc, 'safety').length === 2, 'the offline edit to arrive');
    addCard(b.doc, { column: 'strengths', text: 'After the restart', author });
    await waitFor(() => columnCards(a.doc, 'strengths').length === 1, 'an edit after restart');
  });

  it('a room is flushed into one snapshot and freed when the last person leaves', async () => {
    const s = await server();
    const conf = await createConference(s);
    const a = client(s, conf.id, conf.chairToken);
    await synced(a.provider);
    const author = await chairOf(s, conf);
    for (let i = 0; i < 25; i++) addCard(a.doc, { column: 'grey', text: `item ${i}`, author });
    await waitFor(() => allCards(a.doc).length === 25, 'local edits');
    await sleep(300);
    const health = async (): Promise<{ rooms: number; connections: number }> =>
      (await fetch(`${s.url}/healthz`)).json() as Promise<{ rooms: number; connections: number }>;
    expect((await health()).rooms).toBeGreaterThanOrEqual(1);
    a.provider.destroy();
    for (let i = 0; i < 50 && (await health()).rooms > 0; i++) await sleep(100);
    expect(await health()).toMatchObject({ ok: true, rooms: 0, connections: 0 });
    // The freed room's log is compacted in the background, one room at a time.
    const storedRows = (): Array<{ data: Buffer }> => {
      const db = new Database(path.join(s.dataDir, 'conference-board.sqlite'), { readonly: true });
      try {
        return db.prepare('SELECT data FROM updates WHERE room = ?').all(conf.id) as Array<{ data: Buffer }>;
      } finally {
        db.close();
      }
    };
    await waitFor(() => storedRows().length === 1, 'the log to be compacted into one snapshot', 5_000);
    const rows = storedRows();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(rows[0]!.data));
    expect(allCards(doc)).toHaveLength(25);
  });

  it('when the database refuses a write, the change is kept in memory, shown to nobody, retried, and then relayed', async () => {
    const s = await server();
    const conf = await createConference(s);
    const writer = client(s, conf.id, conf.chairToken);
    const other = client(s, conf.id, conf.chairToken);
    await Promise.all([synced(writer.provider), synced(other.provider)]);
    const author = await chairOf(s, conf);
    // Another process (a backup tool, say) holds the database's write lock.
    const blocker = new Database(path.join(s.dataDir, 'conference-board.sqlite'));
    blocker.exec('BEGIN EXCLUSIVE');
    addCard(writer.doc, { column: 'danger', text: 'Written while the database was locked', author });
    await waitFor(() => s.output().includes('store.write_failed'), 'the server to say the write failed');
    expect(s.output()).toContain('COULD NOT STORE A CHANGE');
    await sleep(500);
    expect(columnCards(other.doc, 'danger')).toHaveLength(0);
    // A newcomer is not told about it either.
    const newcomer = client(s, conf.id, conf.chairToken);
    await sleep(500);
    expect(columnCards(newcomer.doc, 'danger')).toHaveLength(0);

    blocker.exec('COMMIT');
    blocker.close();
    await waitFor(() => columnCards(other.doc, 'danger').length === 1, 'the change to be relayed once stored', 15_000);
    await waitFor(() => newcomer.provider.synced && columnCards(newcomer.doc, 'danger').length === 1, 'the newcomer to get it');
    // The log line comes through the server's stdout, which may arrive after the websocket message.
    await waitFor(() => s.output().includes('store.recovered'), 'the server to say the store recovered');
    await s.stop('SIGKILL');
    const again = await server({ dataDir: s.dataDir });
    const reader = client(again, conf.id, conf.chairToken);
    await synced(reader.provider);
    expect(columnCards(reader.doc, 'danger').map((c) => c.text)).toEqual(['Written while the database was locked']);
  });

  it('someone who leaves while their change waits for a locked database finds it there when they come back', async () => {
    const s = await server();
    const conf = await createConference(s);
    const writer = client(s, conf.id, conf.chairToken);
    await synced(writer.provider);
    const author = await chairOf(s, conf);
    const blocker = new Database(path.join(s.dataDir, 'conference-board.sqlite'));
    blocker.exec('BEGIN EXCLUSIVE');
    addCard(writer.doc, { column: 'danger', text: 'Written just before leaving', author });
    await waitFor(() => s.output().includes('store.write_failed'), 'the server to say the write failed');
    // The last person leaves: the room is freed while its change still waits for the database.
    writer.provider.destroy();
    const rooms = async (): Promise<number> => ((await (await fetch(`${s.url}/healthz`)).json()) as { rooms: number }).rooms;
    for (let i = 0; i < 50 && (await rooms()) > 0; i++) await sleep(100);
    expect(await rooms()).toBe(0);
    const back = client(s, conf.id, conf.chairToken);
    await sleep(500);
    blocker.exec('COMMIT');
    blocker.close();
    await waitFor(() => back.provider.synced && columnCards(back.doc, 'danger').length === 1, 'the change to be there', 15_000);
  });

  it('joining while the server is still loading a large conference never shows an empty board', async () => {
    const s = await server();
    const conf = await createConference(s);
    const seeder = client(s, conf.id, conf.chairToken);
    await synced(seeder.provider);
    const author = await chairOf(s, conf);
    for (let batch = 0; batch < 20; batch++) {
      seeder.doc.transact(() => {
        for (let i = 0; i < 100; i++) addCard(seeder.doc, { column: 'strengths', text: `item ${batch}-${i} ${'w'.repeat(400)}`, author });
      });
      await sleep(30);
    }
    const total = allCards(seeder.doc).length;
    const probe = client(s, conf.id, conf.chairToken);
    await waitFor(() => allCards(probe.doc).length === total, 'everything stored', 20_000);
    await s.stop('SIGKILL');

    const again = await server({ dataDir: s.dataDir });
    const joiners = Array.from({ length: 5 }, () => client(again, conf.id, conf.chairToken));
    const atFirstSync = await Promise.all(
      joiners.map(
        (j) =>
          new Promise<number>((resolve) =>
            j.provider.on('sync', (isSynced: boolean) => {
              if (isSynced) resolve(allCards(j.doc).length);
            }),
          ),
      ),
    );
    expect(atFirstSync).toEqual(joiners.map(() => total));
  });

  it('a conference whose stored data cannot be loaded closes its own connections; the instance and other conferences carry on', async () => {
    const s = await server();
    const broken = await createConference(s);
    const healthy = await createConference(s);
    const other = client(s, healthy.id, healthy.chairToken);
    await synced(other.provider);
    // The store hands back a row that is not a Yjs update (a damaged disk, a bad restore).
    const db = new Database(path.join(s.dataDir, 'conference-board.sqlite'));
    db.prepare('INSERT INTO updates (room, data) VALUES (?, ?)').run(broken.id, Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01, 0x02]));
    db.close();
    // A stock client connects and its first messages wait, queued, for the load that fails.
    const victim = client(s, broken.id, broken.chairToken);
    const closes: number[] = [];
    victim.provider.on('connection-close', (event: { code: number } | null) => event && closes.push(event.code));
    await waitFor(() => closes.length > 0, 'the connection to be closed');
    expect(closes[0]).toBe(1011);
    // The log line travels through the server's stdout, the close through the socket: either may arrive first.
    await waitFor(() => s.output().includes('room.load_failed'), 'the failed load to be logged');
    await sleep(300);
    // The process is still up, and another conference works as before.
    expect(s.process.exitCode).toBeNull();
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    addCard(other.doc, { column: 'safety', text: 'Still here', author: await chairOf(s, healthy) });
    const watcher = client(s, healthy.id, healthy.chairToken);
    await waitFor(() => columnCards(watcher.doc, 'safety').length === 1, 'the other conference to carry on');
    victim.provider.destroy();
  });
});
