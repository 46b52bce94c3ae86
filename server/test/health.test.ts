import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../store/sqlite-driver.js';
import { startServer, type RunningServer } from './harness.js';
import { startPostgres, startRedis, type Service } from './infra.js';

interface Health {
  status: number;
  body: { ok: boolean; store: string; redis: string; rooms: number };
}

const servers: RunningServer[] = [];
const services: Service[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop('SIGKILL');
  for (const s of services) await s.stop();
});

async function health(s: RunningServer): Promise<Health> {
  const res = await fetch(`${s.url}/healthz`);
  return { status: res.status, body: (await res.json()) as Health['body'] };
}

describe('/healthz', () => {
  it('answers 503 while the store cannot be written, and 200 again once it can', async () => {
    const s = await startServer();
    servers.push(s);
    expect(await health(s)).toMatchObject({ status: 200, body: { ok: true, store: 'ok', redis: 'none' } });
    // Another process holds the database's write lock: this instance cannot store anything.
    const blocker = new Database(path.join(s.dataDir, 'conference-board.sqlite'));
    blocker.exec('BEGIN EXCLUSIVE');
    await expect.poll(async () => (await health(s)).status).toBe(503);
    expect((await health(s)).body).toMatchObject({ ok: false, store: 'failing' });
    expect(s.output()).toContain('"event":"health.store_failed","code":"SQLITE_BUSY"');
    blocker.exec('ROLLBACK');
    blocker.close();
    await expect.poll(async () => (await health(s)).status).toBe(200);
  });

  it('reports Redis and PostgreSQL each: Redis down is reported, PostgreSQL that cannot store is a 503', async () => {
    const [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
    services.push(redis, postgres);
    const s = await startServer({ env: { DATABASE_URL: postgres.url, REDIS_URL: redis.url } });
    servers.push(s);
    expect(await health(s)).toMatchObject({ status: 200, body: { ok: true, store: 'ok', redis: 'ok' } });
    await redis.stop();
    // Without Redis this instance still stores; other instances miss its changes until Redis is back.
    await expect.poll(async () => (await health(s)).body.redis).toBe('down');
    expect((await health(s)).status).toBe(200);
    // PostgreSQL turns read-only, as a standby does after a failover: nothing can be stored.
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query('ALTER DATABASE postgres SET default_transaction_read_only = on');
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = 'postgres'");
    await expect.poll(async () => (await health(s)).status).toBe(503);
    expect((await health(s)).body).toMatchObject({ ok: false, store: 'failing', redis: 'down' });
    expect(s.output()).toContain('"event":"health.store_failed","code":"25006"');
    await admin.query('ALTER DATABASE postgres SET default_transaction_read_only = off');
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = 'postgres'");
    await admin.end();
    await expect.poll(async () => (await health(s)).status).toBe(200);
  });
});
