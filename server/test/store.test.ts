import { Database } from '../store/sqlite-driver.js';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../store/sqlite.js';
import { tempDataDir, waitFor } from './harness.js';

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
