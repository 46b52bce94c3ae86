import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { addCard } from '../../shared/model/index.js';
import { api, connectClient, createConference, startServer, synced, tempDataDir, waitFor, type RunningServer } from './harness.js';
import { ROOT } from './production.js';

const servers: RunningServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop('SIGKILL');
});
async function start(dataDir: string): Promise<RunningServer> {
  const s = await startServer({ dataDir });
  servers.push(s);
  return s;
}

/**
 * The README's command, as an operator types it. Its `prebackup` (a build if the sources changed)
 * is skipped: `npm test` has just built.
 */
function backup(file: string, env: Record<string, string>): ReturnType<typeof spawnSync> {
  return spawnSync('npm', ['run', '--silent', '--ignore-scripts', 'backup', '--', file], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}

const MARKER = 'Backed-up marker: the plan for Tuesdays';
const boardBytes = (doc: Y.Doc): string => Buffer.from(Y.encodeStateAsUpdate(doc)).toString('utf8');

async function servesBoard(s: RunningServer, id: string, token: string): Promise<string> {
  const { provider, doc } = connectClient(s, id, token);
  await synced(provider);
  const bytes = boardBytes(doc);
  provider.destroy();
  return bytes;
}

describe('npm run backup', () => {
  it('copies the database while the server runs; a restored copy serves the conference, and conferences deleted since are deleted again', async () => {
    const dataDir = tempDataDir();
    const s = await start(dataDir);
    const kept = await createConference(s);
    const deletedLater = await createConference(s, { caseReference: 'CP-DELETED-LATER' });
    const me = (await (await api(s, 'GET', `/api/conferences/${kept.id}/me`, kept.chairToken)).json()) as { participantId: string };
    const chair = connectClient(s, kept.id, kept.chairToken);
    await synced(chair.provider);
    addCard(chair.doc, {
      column: 'safety',
      text: MARKER,
      author: { id: me.participantId, name: 'Ruth Adeyemi', roleLabel: 'Chair', role: 'chair' },
    });
    await waitFor(() => s.output().includes('"event":"relay.connected"'), 'the chair to be connected');
    // Written and stored: a second client sees it only once it is stored.
    await expect.poll(async () => (await servesBoard(s, kept.id, kept.chairToken)).includes(MARKER)).toBe(true);

    // Online: the chair is still connected and writing while the copy is made.
    const file = path.join(tempDataDir(), 'backup.sqlite');
    const made = backup(file, { DATA_DIR: dataDir });
    expect(made.stderr).not.toContain('not made');
    expect(made.status).toBe(0);
    expect(made.stdout).toContain('Backed up 2 conference(s)');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // A backup never overwrites a file.
    const again = backup(file, { DATA_DIR: dataDir });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists');
    chair.provider.destroy();

    // After the backup the chair ends and deletes the other conference.
    expect((await api(s, 'POST', `/api/conferences/${deletedLater.id}/lock`, deletedLater.chairToken)).status).toBe(200);
    expect((await api(s, 'DELETE', `/api/conferences/${deletedLater.id}`, deletedLater.chairToken)).status).toBe(204);
    await s.stop();

    // A copy restored somewhere without the list of deletions brings the deleted conference back:
    // this is what docs/deployment.md warns about.
    const elsewhere = tempDataDir();
    fs.copyFileSync(file, path.join(elsewhere, 'conference-board.sqlite'));
    const bare = await start(elsewhere);
    expect((await api(bare, 'GET', `/api/conferences/${deletedLater.id}/me`, deletedLater.chairToken)).status).toBe(200);
    await bare.stop();

    // Restored as docs/deployment.md says: server stopped, the file replaced, the data folder kept.
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(dataDir, `conference-board.sqlite${suffix}`), { force: true });
    fs.copyFileSync(file, path.join(dataDir, 'conference-board.sqlite'));
    const restored = await start(dataDir);
    expect((await api(restored, 'GET', `/api/conferences/${kept.id}/me`, kept.chairToken)).status).toBe(200);
    expect(await servesBoard(restored, kept.id, kept.chairToken)).toContain(MARKER);
    expect((await api(restored, 'GET', `/api/conferences/${deletedLater.id}/me`, deletedLater.chairToken)).status).toBe(404);
    expect(restored.output()).toContain(`"conferenceId":"${deletedLater.id}","by":"deleted-before-restore"`);
  });

  it('with PostgreSQL it points to pg_dump instead', () => {
    const result = backup(path.join(tempDataDir(), 'x.sqlite'), { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('pg_dump');
  });
});
