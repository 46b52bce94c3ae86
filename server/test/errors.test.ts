import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../store/sqlite-driver.js';
import { api, createConference, SAMPLE_DETAILS, startServer, type RunningServer } from './harness.js';

const servers: RunningServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop('SIGKILL');
});

describe('errors', () => {
  it('a server error is logged without content and answered in plain words, without internals', async () => {
    const s = await startServer();
    servers.push(s);
    const conf = await createConference(s);
    // The database cannot be written (another process holds its lock): the next write fails.
    const blocker = new Database(path.join(s.dataDir, 'conference-board.sqlite'));
    blocker.exec('BEGIN EXCLUSIVE');
    const marker = 'CP-ERROR-MARKER-4471';
    const res = await api(s, 'POST', '/api/conferences', undefined, {
      ...SAMPLE_DETAILS,
      caseReference: marker,
      chairName: 'Ninetta Marker',
    });
    const lobby = await api(s, 'POST', `/api/conferences/${conf.id}/lobby`, conf.professionalToken, {
      name: 'Marker Person',
      roleLabel: 'GP',
    });
    blocker.exec('ROLLBACK');
    blocker.close();

    for (const r of [res, lobby]) {
      expect(r.status).toBe(500);
      const text = await r.text();
      expect(JSON.parse(text)).toEqual({ error: 'Something went wrong on the server. Please try again in a moment.', code: 'server-error' });
      expect(text).not.toMatch(/SQLITE|locked|stack|\bat\s|Error/);
    }
    const errorLines = (): string[] =>
      s
        .output()
        .split('\n')
        .filter((l) => l.includes('"event":"http.error"'));
    // The server's output reaches the test a moment after the replies.
    await expect.poll(() => errorLines().length).toBe(2);
    const logged = errorLines();
    expect(logged[0]).toContain('"route":"/api/conferences"');
    expect(logged[1]).toContain('"route":"/api/conferences/:id/lobby"');
    expect(logged[0]).toContain('"code":"SQLITE_BUSY"');
    expect(logged[0]).toContain('"status":500');
    // Nothing that was sent, and no message or stack, is in the log.
    for (const secret of [marker, 'Ninetta', 'Marker Person', conf.professionalToken, 'database is locked', '    at ']) {
      expect(s.output()).not.toContain(secret);
    }
  });

  it('bad requests get plain words too', async () => {
    const s = servers[0] ?? (await startServer());
    const res = await fetch(`${s.url}/api/conferences`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"kind":',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'What was sent is not valid JSON.', code: 'request-unreadable' });
  });
});
