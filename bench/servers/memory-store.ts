import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../../server/store/sqlite.js';
import { snapshotOf } from '../../server/store/store.js';

/**
 * Our store with the documents (the relay's hot path) kept in memory, lost when the process ends.
 * For the benchmark only, to compare our relay like for like with peers that keep no documents:
 * never a way to run the product (no document would survive a restart). Conferences, credentials
 * and the audit trail stay in SQLite, in a throwaway folder: they are not on the relay's path.
 */
export class MemoryStore extends SqliteStore {
  private readonly updates = new Map<string, Uint8Array[]>();
  private readonly folder: string;

  constructor() {
    const folder = fs.mkdtempSync(path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'bench-store-'));
    super(folder);
    this.folder = folder;
  }

  override async purge(conferenceId: string, rooms: string[]): Promise<void> {
    for (const room of rooms) this.updates.delete(room);
    await super.purge(conferenceId, rooms);
  }
  override async loadUpdates(room: string): Promise<Uint8Array[]> {
    return [...(this.updates.get(room) ?? []), ...(await super.loadUpdates(room))];
  }
  override async appendUpdate(room: string, update: Uint8Array): Promise<void> {
    let list = this.updates.get(room);
    if (!list) this.updates.set(room, (list = []));
    list.push(update);
  }
  override async appendUpdates(batch: ReadonlyArray<{ room: string; updates: readonly Uint8Array[] }>): Promise<void> {
    for (const { room, updates } of batch) for (const u of updates) await this.appendUpdate(room, u);
  }
  override async compact(room: string): Promise<number> {
    const list = await this.loadUpdates(room);
    if (list.length === 0) return 0;
    const snapshot = snapshotOf(list);
    this.updates.set(room, [snapshot]);
    return snapshot.byteLength;
  }
  override async close(): Promise<void> {
    await super.close();
    fs.rmSync(this.folder, { recursive: true, force: true });
  }
}
