import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { SnapshotFold } from './store.js';

/** One room's log being folded into a snapshot, a few rows at a time. */
export interface Fold {
  /**
   * Applies the next rows, in order; resolves once they are applied (so rows are read as fast as
   * they are folded). Rows that own their memory are handed over and must not be used after.
   */
  add(updates: Uint8Array[]): Promise<void>;
  /** The snapshot of everything added. */
  finish(): Promise<Uint8Array>;
  /** Gives up (the rows could not be read). */
  cancel(): void;
}

type Reply = { id: number; snapshot?: Uint8Array; error?: string };

/** Rows a compaction reads at a time (SQLite also stops at COMPACT_BYTES_PER_READ). */
export const COMPACT_ROWS_PER_READ = 32;
export const COMPACT_BYTES_PER_READ = 1024 * 1024;

/**
 * Folds rooms' logs into snapshots in a worker thread, so that compacting a large document does
 * not stall the relay: applying a snapshot of a few hundred KB and encoding it again takes tens of
 * milliseconds, during which every conference on the instance would otherwise wait. The stores
 * read the rows (quickly) and hand them over a few at a time; the worker applies each row in its
 * own transaction, as SnapshotFold does, so its memory follows the document, not the log.
 *
 * The worker starts with the first compaction. If it cannot start, or dies, folds are done in
 * this thread (SnapshotFold) from then on, as before.
 */
export class Folder {
  private worker: Worker | null = null;
  private failed = false;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (reply: Reply) => void; reject: (err: Error) => void }>();

  begin(): Fold {
    const worker = this.start();
    if (!worker) return inThread();
    const id = this.nextId++;
    const call = (message: { kind: 'add'; updates: Uint8Array[] } | { kind: 'finish' }): Promise<Reply> =>
      new Promise((resolve, reject) => {
        this.waiting.set(id, { resolve, reject });
        // Rows that own their memory are moved to the worker, not copied.
        const owned =
          message.kind === 'add' ? message.updates.filter((u) => u.byteOffset === 0 && u.byteLength === u.buffer.byteLength) : [];
        worker.postMessage(
          { ...message, id },
          owned.map((u) => u.buffer as ArrayBuffer),
        );
      });
    return {
      add: async (updates) => {
        await call({ kind: 'add', updates });
      },
      finish: async () => {
        const reply = await call({ kind: 'finish' });
        if (!reply.snapshot) throw new Error('the fold gave no snapshot');
        return reply.snapshot;
      },
      cancel: () => worker.postMessage({ kind: 'cancel', id }),
    };
  }

  async close(): Promise<void> {
    this.failed = true;
    const worker = this.worker;
    this.worker = null;
    for (const { reject } of this.waiting.values()) reject(new Error('the store is closing'));
    this.waiting.clear();
    await worker?.terminate();
  }

  private start(): Worker | null {
    if (this.worker || this.failed) return this.worker;
    try {
      const yjs = createRequire(import.meta.url).resolve('yjs');
      // An eval'd CommonJS worker: it runs the same whether the server is built or run from source.
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { yjs } });
      worker.on('message', (reply: Reply) => {
        const waiting = this.waiting.get(reply.id);
        this.waiting.delete(reply.id);
        if (reply.error !== undefined) waiting?.reject(new Error(reply.error));
        else waiting?.resolve(reply);
      });
      const fail = (reason: string): void => {
        if (this.worker !== worker) return;
        this.worker = null;
        this.failed = true;
        for (const { reject } of this.waiting.values()) reject(new Error(`the compaction worker stopped: ${reason}`));
        this.waiting.clear();
        process.emitWarning(`The compaction worker stopped (${reason}); logs are compacted in the server's own thread again.`);
      };
      worker.on('error', (err) => fail(err instanceof Error ? err.message : String(err)));
      worker.on('exit', (code) => fail(`exited with code ${code}`));
      worker.unref();
      this.worker = worker;
      return worker;
    } catch (err) {
      this.failed = true;
      process.emitWarning(
        `The compaction worker could not start (${err instanceof Error ? err.message : String(err)}); logs are compacted in the server's own thread.`,
      );
      return null;
    }
  }
}

/** The same fold in this thread. */
function inThread(): Fold {
  const fold = new SnapshotFold();
  return {
    add: async (updates) => {
      for (const u of updates) fold.add(u);
    },
    finish: async () => fold.finish(),
    cancel: () => undefined,
  };
}

// What SnapshotFold does (store.ts), in the worker: each row applied in its own transaction, so
// the content it overwrites or deletes is garbage-collected at once.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Y = require(workerData.yjs);
const docs = new Map();
parentPort.on('message', (m) => {
  try {
    if (m.kind === 'add') {
      let doc = docs.get(m.id);
      if (!doc) docs.set(m.id, (doc = new Y.Doc()));
      for (const u of m.updates) Y.applyUpdate(doc, u);
      parentPort.postMessage({ id: m.id });
    } else if (m.kind === 'finish') {
      const doc = docs.get(m.id) || new Y.Doc();
      docs.delete(m.id);
      const snapshot = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      parentPort.postMessage({ id: m.id, snapshot }, [snapshot.buffer]);
    } else if (m.kind === 'cancel') {
      const doc = docs.get(m.id);
      docs.delete(m.id);
      if (doc) doc.destroy();
    }
  } catch (err) {
    const doc = docs.get(m.id);
    docs.delete(m.id);
    if (doc) doc.destroy();
    parentPort.postMessage({ id: m.id, error: String((err && err.message) || err) });
  }
});
`;
