import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../store/sqlite-driver.js';
import { api, connectClient, createConference, startServer, synced, tempDataDir, tryUpgrade, type RunningServer } from './harness.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const servers: RunningServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop('SIGKILL');
});
async function start(dataDir: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const s = await startServer({ dataDir, env });
  servers.push(s);
  return s;
}

/** Makes a conference look unopened for `days` (the server is stopped meanwhile). */
function idleFor(dataDir: string, conferenceId: string, days: number): void {
  const db = new Database(path.join(dataDir, 'conference-board.sqlite'));
  db.prepare('UPDATE conferences SET active_at = ? WHERE id = ?').run(Date.now() - days * DAY_MS, conferenceId);
  db.close();
}

const expiryOf = async (s: RunningServer, id: string, token: string): Promise<unknown> =>
  ((await (await api(s, 'GET', `/api/conferences/${id}/me`, token)).json()) as { expiry: unknown }).expiry;

describe('conferences never ended', () => {
  it('an idle unlocked conference expires; the chair of one idle for a while is warned first; opening it starts the count again', async () => {
    const dataDir = tempDataDir();
    const first = await start(dataDir);
    const idle = await createConference(first);
    const warned = await createConference(first);
    const fresh = await createConference(first);
    const ended = await createConference(first);
    expect((await api(first, 'POST', `/api/conferences/${ended.id}/lock`, ended.chairToken)).status).toBe(200);
    expect(await expiryOf(first, fresh.id, fresh.chairToken)).toBeNull();
    await first.stop();

    idleFor(dataDir, idle.id, 31);
    idleFor(dataDir, warned.id, 20);
    idleFor(dataDir, ended.id, 31);
    // The check runs at start-up (and hourly).
    const s = await start(dataDir, { UNENDED_RETENTION_DAYS: '30' });
    // Expired: deleted with everything in it; its tokens fail.
    expect((await api(s, 'GET', `/api/conferences/${idle.id}/me`, idle.chairToken)).status).toBe(404);
    expect((await tryUpgrade(`${s.wsUrl}/${idle.id}?token=${idle.chairToken}`)).status).toBe(404);
    expect(s.output()).toContain(`"conferenceId":"${idle.id}","by":"unended-expiry"`);
    // An ended meeting follows RETENTION_DAYS instead, from when it ended.
    expect((await api(s, 'GET', `/api/conferences/${ended.id}/me`, ended.chairToken)).status).toBe(200);

    // Idle for 20 of 30 days: the chair is told, nobody else is.
    expect(await expiryOf(s, warned.id, warned.chairToken)).toEqual({ idleDays: 20, deletedAfterIdleDays: 30 });
    expect(await expiryOf(s, warned.id, warned.familyToken)).toBeNull();
    expect(await expiryOf(s, fresh.id, fresh.chairToken)).toBeNull();
    // The chair opens it: the count starts again.
    const chair = connectClient(s, warned.id, warned.chairToken);
    await synced(chair.provider);
    await expect.poll(() => expiryOf(s, warned.id, warned.chairToken)).toBeNull();
    chair.provider.destroy();
  });
});
