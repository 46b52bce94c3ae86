import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../store/sqlite-driver.js';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from '../store/migrations.js';
import { api, connectClient, startServer, synced, tempDataDir, type RunningServer } from './harness.js';
import { startPostgres, type Service } from './infra.js';

/**
 * A database made by the code before schema versions (commit 83b4efa), kept as SQL: one unended
 * conference with a parent let in, a professional waiting and a card on the board.
 */
const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixtureSql = fs.readFileSync(path.join(FIXTURES, 'v1.sql'), 'utf8');
const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'v1.json'), 'utf8')) as {
  conferenceId: string;
  chairToken: string;
  parentToken: string;
  professionalInvitation: string;
  waiting: string;
  marker: string;
};
const LATEST = SQLITE_MIGRATIONS[SQLITE_MIGRATIONS.length - 1]?.version ?? 0;
// The fixture's conference was last used when it was made: keep it past the expiry of unended ones.
const KEEP = { UNENDED_RETENTION_DAYS: '36500' };

const servers: RunningServer[] = [];
let postgres: Service | undefined;
afterAll(async () => {
  for (const s of servers) await s.stop('SIGKILL');
  await postgres?.stop();
});

async function start(options: Parameters<typeof startServer>[0]): Promise<RunningServer> {
  const s = await startServer(options);
  servers.push(s);
  return s;
}

/** The migrated server still serves the conference: tokens work as before and the board is there. */
async function expectServesFixture(server: RunningServer): Promise<void> {
  const id = fixture.conferenceId;
  const me = await api(server, 'GET', `/api/conferences/${id}/me`, fixture.chairToken);
  expect(me.status).toBe(200);
  expect(((await me.json()) as { kind: string }).kind).toBe('chair');
  expect((await api(server, 'GET', `/api/conferences/${id}/me`, fixture.professionalInvitation)).status).toBe(200);
  // Still waiting in the lobby: no websocket for them.
  expect((await api(server, 'GET', `/api/conferences/${id}/me`, fixture.waiting)).status).toBe(200);
  const lobby = (await (await api(server, 'GET', `/api/conferences/${id}/lobby`, fixture.chairToken)).json()) as {
    waiting: Array<{ name: string }>;
  };
  expect(lobby.waiting.map((w) => w.name)).toEqual(['Waiting Person']);
  const { provider, doc } = connectClient(server, id, fixture.parentToken);
  await synced(provider);
  // Read as bytes, so this holds whatever the board's layout becomes.
  expect(Buffer.from(Y.encodeStateAsUpdate(doc)).toString('utf8')).toContain(fixture.marker);
  provider.destroy();
}

describe('schema migrations', () => {
  it('a SQLite database made before schema versions is migrated at start and still serves its conference', async () => {
    const dataDir = tempDataDir();
    const db = new Database(path.join(dataDir, 'conference-board.sqlite'));
    db.exec(fixtureSql);
    db.close();
    const server = await start({ dataDir, env: KEEP });
    expect(server.output()).toMatch(new RegExp(`"event":"store.migrated","from":0,"to":${LATEST}`));
    await expectServesFixture(server);
    await server.stop();

    const after = new Database(path.join(dataDir, 'conference-board.sqlite'), { readonly: true });
    const versions = after.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{ version: number }>;
    expect(versions.map((v) => v.version)).toEqual(SQLITE_MIGRATIONS.map((m) => m.version));
    const conference = after.prepare('SELECT created_at, active_at FROM conferences').get() as { created_at: number; active_at: number };
    expect(conference.active_at).toBeGreaterThanOrEqual(conference.created_at);
    after.close();

    // Started again: nothing left to migrate.
    const again = await start({ dataDir, env: KEEP });
    expect(again.output()).not.toContain('store.migrated');
    await expectServesFixture(again);
  });

  it('a database from a newer version is not touched: the server says so and does not start', async () => {
    const dataDir = tempDataDir();
    const db = new Database(path.join(dataDir, 'conference-board.sqlite'));
    db.exec(fixtureSql);
    db.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL);
             INSERT INTO schema_migrations VALUES (${LATEST + 1}, 'from the future', 0);`);
    db.close();
    await expect(start({ dataDir, env: KEEP })).rejects.toThrow(/schema version \d+, made by a newer Conference Board/);
  });

  it('a PostgreSQL database made before schema versions is migrated at start and still serves its conference', async () => {
    postgres = await startPostgres();
    // Today's PostgreSQL tables (version 1 is that schema, unchanged) with the fixture's rows.
    const source = new Database(':memory:');
    source.exec(fixtureSql);
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    await client.query(POSTGRES_MIGRATIONS[0]?.sql ?? '');
    for (const table of ['conferences', 'credentials', 'audit', 'hidden_scores', 'updates']) {
      for (const row of source.prepare(`SELECT * FROM ${table}`).all() as Array<Record<string, unknown>>) {
        const values = Object.entries(row).map(([column, v]) => (column === 'auto_admit' ? v === 1 : v));
        const columns = Object.keys(row);
        await client.query(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
          values,
        );
      }
    }
    await client.query("SELECT setval(pg_get_serial_sequence('updates', 'seq'), (SELECT MAX(seq) FROM updates))");
    source.close();
    const server = await start({ env: { ...KEEP, DATABASE_URL: postgres.url } });
    expect(server.output()).toMatch(new RegExp(`"event":"store.migrated","from":0,"to":${LATEST}`));
    await expectServesFixture(server);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
    await client.end();
  });
});
