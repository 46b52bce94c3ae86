import type { FastifyBaseLogger } from 'fastify';
import type { ConferenceStore } from '../store/store.js';
import type { Origin } from './origins.js';

const STORE_RETRY_MS = [100, 250, 500, 1000, 2000, 5000];
/** The log is also compacted once it has grown by this much, or by the size of its last snapshot if larger. */
const COMPACT_AFTER_BYTES = 4 * 1024 * 1024;

export interface Pending {
  update: Uint8Array;
  origin: Origin;
}

/**
 * Group commit: the outboxes of every room with new changes in one turn of the event loop hand
 * them over together, and they are stored in one transaction (see ConferenceStore.appendUpdates).
 * A commit costs about as much for one update as for dozens, so a busy instance commits once per
 * turn instead of once per update. The tick (tick.ts) runs `flush` once per turn.
 */
export class StoreBatcher {
  private readonly waiting = new Set<Outbox>();

  constructor(
    private readonly store: ConferenceStore,
    private readonly log: FastifyBaseLogger,
    /** Asks for a flush in this turn of the event loop. */
    private readonly wake: () => void,
  ) {}

  /** An outbox has changes to store. */
  mark(outbox: Outbox): void {
    this.waiting.add(outbox);
    this.wake();
  }

  /**
   * Stores what every waiting outbox holds, in one transaction, and then lets each relay what it
   * stored. If the transaction fails, each outbox keeps its changes and retries on its own.
   */
  async flush(): Promise<void> {
    if (this.waiting.size === 0) return;
    const taken: Array<{ outbox: Outbox; pending: Pending[] }> = [];
    for (const outbox of this.waiting) {
      const pending = outbox.take();
      if (pending) taken.push({ outbox, pending });
    }
    this.waiting.clear();
    if (taken.length === 0) return;
    const write = this.store.appendUpdates(
      taken.map(({ outbox, pending }) => ({ room: outbox.room, updates: pending.map((p) => p.update) })),
    );
    for (const { outbox } of taken) outbox.writing(write);
    try {
      await write;
    } catch (err) {
      for (const { outbox, pending } of taken) outbox.failed(pending, err);
      return;
    }
    for (const { outbox, pending } of taken) {
      try {
        outbox.wrote(pending);
      } catch (err) {
        // A room that cannot relay must not keep the others from relaying.
        this.log.error({ event: 'relay.error', room: outbox.room, err: err instanceof Error ? err.message : String(err) });
      }
    }
  }
}

/**
 * A room's persistence outbox: every change the room applied is stored, in order, and handed to
 * `relay` only once it is stored, so nothing anyone has seen can be lost in a crash. Changes wait
 * here until the turn of the event loop ends, and are then stored together with every other
 * room's (StoreBatcher). When the store fails, changes wait here (shown to nobody) and are retried
 * with back-off until it succeeds. After `compactEvery` stored changes, or once the log has grown
 * by more than its last snapshot (and at least COMPACT_AFTER_BYTES), the room's log is compacted
 * into one snapshot: what a compaction reads stays in proportion to the document.
 */
export class Outbox {
  private queue: Pending[] = [];
  /** idle: nothing in flight; writing: in a batch being stored; retrying: after a failure; compacting. */
  private state: 'idle' | 'writing' | 'retrying' | 'compacting' = 'idle';
  private inFlight: Promise<unknown> | null = null;
  private closed = false;
  private failures = 0;
  private readonly waiters: Array<() => void> = [];
  /** Stored changes since the log was last compacted, and their bytes. */
  updatesSinceCompaction = 0;
  bytesSinceCompaction = 0;
  /** Size of the last snapshot (or of the log as loaded). */
  snapshotBytes = 0;
  /** Size of the document as stored, in bytes (updates since the last snapshot included). */
  documentBytes = 0;

  constructor(
    readonly room: string,
    private readonly store: ConferenceStore,
    private readonly log: FastifyBaseLogger,
    private readonly compactEvery: number,
    private readonly batcher: StoreBatcher,
    /** Called with changes once they are stored, in order. */
    private readonly relay: (stored: Pending[]) => void,
  ) {}

  get pending(): number {
    return this.queue.length;
  }

  /** True when everything pushed so far is stored. */
  get clean(): boolean {
    return this.queue.length === 0 && (this.state === 'idle' || this.state === 'compacting');
  }

  push(update: Uint8Array, origin: Origin): void {
    if (this.closed) return;
    this.documentBytes += update.byteLength;
    this.queue.push({ update, origin });
    if (this.state === 'idle') this.batcher.mark(this);
  }

  /** Calls `done` once every change pushed so far is stored (and relayed): now, if it already is. */
  whenStored(done: () => void): void {
    if (this.clean || this.closed) done();
    else this.waiters.push(done);
  }

  /** Resolves once every change pushed so far is stored (and relayed). */
  stored(): Promise<void> {
    return new Promise((resolve) => this.whenStored(resolve));
  }

  /** Resolves once a write in flight (if any) has finished; used before a purge. */
  async settled(): Promise<void> {
    while (this.inFlight) await this.inFlight.catch(() => undefined);
  }

  /** Stops storing: what is queued is dropped (the room is purged or freed). */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
    this.release();
  }

  // ---- called by the batcher ----

  /** Hands over everything queued, if nothing else is in flight. */
  take(): Pending[] | null {
    if (this.closed || this.state !== 'idle' || this.queue.length === 0) return null;
    this.state = 'writing';
    const taken = this.queue;
    this.queue = [];
    return taken;
  }

  writing(write: Promise<unknown>): void {
    const flight = write
      .catch(() => undefined)
      .finally(() => {
        if (this.inFlight === flight) this.inFlight = null;
      });
    this.inFlight = flight;
  }

  wrote(pending: Pending[]): void {
    if (this.closed) return;
    this.state = 'idle';
    if (this.failures > 0) this.log.warn({ event: 'store.recovered', room: this.room, afterFailures: this.failures });
    this.failures = 0;
    this.updatesSinceCompaction += pending.length;
    for (const p of pending) this.bytesSinceCompaction += p.update.byteLength;
    this.relay(pending);
    if (this.updatesSinceCompaction >= this.compactEvery || this.bytesSinceCompaction > Math.max(COMPACT_AFTER_BYTES, this.snapshotBytes)) {
      void this.compact();
    }
    else this.next();
  }

  failed(pending: Pending[], err: unknown): void {
    if (this.closed) return;
    this.queue = [...pending, ...this.queue];
    this.state = 'retrying';
    const wait = STORE_RETRY_MS[Math.min(this.failures, STORE_RETRY_MS.length - 1)] as number;
    this.failures++;
    this.log.error(
      {
        event: 'store.write_failed',
        room: this.room,
        waiting: this.queue.length,
        retryInMs: wait,
        err: err instanceof Error ? err.message : String(err),
      },
      'COULD NOT STORE A CHANGE: it is kept in memory, not shown to anyone, and retried',
    );
    setTimeout(() => this.retry(), wait);
  }

  // ---- on its own ----

  /** After a failure: stores what waits here, alone, and then goes back to the shared commits. */
  private retry(): void {
    if (this.closed) return;
    const pending = this.queue;
    this.queue = [];
    this.state = 'writing';
    const write = this.store.appendUpdates([{ room: this.room, updates: pending.map((p) => p.update) }]);
    this.writing(write);
    write.then(
      () => this.wrote(pending),
      (err: unknown) => this.failed(pending, err),
    );
  }

  /** Back to waiting for changes: more may have come while this one was busy. */
  private next(): void {
    if (this.queue.length > 0) this.batcher.mark(this);
    else this.release();
  }

  private release(): void {
    for (const done of this.waiters.splice(0)) done();
  }

  /**
   * Replaces the stored log by one snapshot. Updates that arrive meanwhile (it takes round trips
   * on PostgreSQL) wait, and are stored right after it: none is left waiting.
   */
  private async compact(): Promise<void> {
    const counted = this.updatesSinceCompaction;
    const countedBytes = this.bytesSinceCompaction;
    this.state = 'compacting';
    try {
      this.documentBytes = await this.store.compact(this.room);
      this.snapshotBytes = this.documentBytes;
      // Updates stored while it ran (on PostgreSQL, by other instances) count towards the next.
      this.updatesSinceCompaction -= counted;
      this.bytesSinceCompaction -= countedBytes;
    } catch (err) {
      this.log.error({ event: 'store.compact_failed', room: this.room, err: err instanceof Error ? err.message : String(err) });
    }
    if (this.closed) return;
    this.state = 'idle';
    this.next();
  }
}
