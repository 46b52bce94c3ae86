import { Database } from '../store/sqlite-driver.js';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteStore } from '../store/sqlite.js';
import { PostgresStore } from '../store/postgres.js';
import type { ConferenceStore } from '../store/store.js';
import { tempDataDir, waitFor } from './harness.js';
import { startPostgres } from './infra.js';

const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

/** Rows of a room in a copy of the database file alone, without its write-ahead log. */
function rowsInMainFile(file: string, room: string, copyDir: string): number {
  const copy = path.join(copyDir, 'copy.sqlite');
  fs.copyFileSync(file, copy);
  try {
    const db = new Database(copy, { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM updates WHERE room = ?').get(room) as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return -1; // caught mid-checkpoint: look again
  }
}

describe('the SQLite store', () => {
  it('folds the write-ahead log into the database file in the background, while the server keeps writing', async () => {
    const dir = tempDataDir();
    const store = new SqliteStore(dir);
    stores.push(store);
    for (let i = 0; i < 200; i++) await store.appendUpdate('room-a', new Uint8Array([i % 256, 1, 2, 3]));
    // The server's own commits never checkpoint (that would stall the relay); the worker does.
    const copyDir = tempDataDir();
    await waitFor(() => rowsInMainFile(store.file, 'room-a', copyDir) === 200, 'the log to reach the database file', 5_000);
    // And the store goes on working after a checkpoint.
    await store.appendUpdate('room-a', new Uint8Array([9]));
    expect(await store.loadUpdates('room-a')).toHaveLength(201);
  });
});

/**
 * A log of 150 updates, each overwriting a 20 KB text (3 MB in all), compacts into one snapshot of
 * the document as it is (about 20 KB), read back whole; the stores fold the log row by row.
 */
async function compactsALongLogOfOverwrites(store: ConferenceStore): Promise<void> {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < 150; i++) doc.getMap('board').set('text', `${i} ${'x'.repeat(20_000)}`);
  for (const u of updates) await store.appendUpdate('room-c', u);
  const size = await store.compact('room-c');
  const rows = await store.loadUpdates('room-c');
  expect(rows).toHaveLength(1);
  expect(rows[0]?.byteLength).toBe(size);
  expect(size).toBeLessThan(25_000);
  const back = new Y.Doc();
  Y.applyUpdate(back, rows[0] as Uint8Array);
  expect(back.getMap('board').get('text')).toBe(`149 ${'x'.repeat(20_000)}`);
}

describe('compacting a room’s log', () => {
  it('SQLite: a long log of overwrites becomes one snapshot of the document', async () => {
    const store = new SqliteStore(tempDataDir());
    stores.push(store);
    await compactsALongLogOfOverwrites(store);
  });

  it('SQLite: the fold runs beside the relay, not in its way; a room purged meanwhile is not written back', async () => {
    const store = new SqliteStore(tempDataDir());
    stores.push(store);
    const doc = new Y.Doc();
    doc.on('update', (u: Uint8Array) => void store.appendUpdate('room-d', u));
    for (let i = 0; i < 100; i++) doc.getMap('board').set('text', `${i} ${'x'.repeat(5_000)}`);
    // Other work gets turns of the event loop while the log is folded (in a worker thread).
    let turns = 0;
    let folding = true;
    const tick = (): void => {
      if (!folding) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    await store.compact('room-d');
    folding = false;
    expect(turns).toBeGreaterThan(0);
    expect(await store.loadUpdates('room-d')).toHaveLength(1);

    // The conference is deleted while its log is being folded: nothing comes back.
    for (let i = 0; i < 100; i++) doc.getMap('board').set('text', `again ${i}`);
    const compacting = store.compact('room-d');
    await store.purge('AAAAAAAAAAAAAAAAAAAAAA', ['room-d']);
    await compacting;
    expect(await store.loadUpdates('room-d')).toEqual([]);
  });

  it('PostgreSQL: the same, read a few rows at a time', async () => {
    const postgres = await startPostgres();
    const store = await PostgresStore.connect(postgres.url);
    try {
      await compactsALongLogOfOverwrites(store);
    } finally {
      await store.close();
      await postgres.stop();
    }
  }, 120_000);
});
