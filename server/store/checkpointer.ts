import { Worker } from 'node:worker_threads';
import { sqliteModulePath } from './sqlite-driver.js';

/**
 * Folds SQLite's write-ahead log back into the database file from a worker thread.
 *
 * SQLite normally does this inside whichever commit makes the log pass 1,000 pages: that commit
 * then copies the pages and waits for the disk, and since better-sqlite3 is synchronous the whole
 * relay waits with it (a stall of several milliseconds for everyone in every conference). With
 * the server's own automatic checkpoint moved out to a backstop (see SqliteStore), this worker's
 * connection runs a PASSIVE checkpoint every `intervalMs`: it never blocks a writer or a reader, and
 * the log is reused from its start once it has been folded in. If the worker dies, `onFailure` puts
 * SQLite's own checkpoints back.
 */
export class Checkpointer {
  private worker: Worker | null = null;
  private stopping = false;
  private failed = false;

  /**
   * The worker starts with the first write (`start`): an instance nobody writes to does not carry
   * its thread (about 10 MiB). `onFailure` is called if the worker dies (it cannot open the
   * database, say).
   */
  constructor(
    private readonly file: string,
    private readonly intervalMs: number,
    private readonly onFailure: (reason: string) => void,
  ) {}

  /** Starts the worker, if it is not running yet. */
  start(): void {
    if (this.worker || this.stopping || this.failed) return;
    const betterSqlite3 = sqliteModulePath();
    // An eval'd CommonJS worker: it runs the same whether the server is built or run from source.
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { betterSqlite3, file: this.file, intervalMs: this.intervalMs } });
    const fail = (reason: string): void => {
      if (this.failed || this.stopping) return;
      this.failed = true;
      this.onFailure(reason);
    };
    worker.on('error', (err) => fail(err instanceof Error ? err.message : String(err)));
    worker.on('exit', (code) => fail(`exited with code ${code}`));
    worker.unref();
    this.worker = worker;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.worker?.terminate();
  }
}

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.betterSqlite3);
const db = new Database(workerData.file, { timeout: 1000 });
setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or away: the next turn tries again.
  }
}, workerData.intervalMs);
`;
