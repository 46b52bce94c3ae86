import type { FastifyBaseLogger } from 'fastify';
import type { ConferenceStore } from '../store/store.js';
import type { Origin } from './origins.js';

const STORE_RETRY_MS = [100, 250, 500, 1000, 2000, 5000];

interface Pending {
  update: Uint8Array;
  origin: Origin;
}

/**
 * A room's persistence outbox: every change the room applied is stored, in order, and handed to
 * `relay` only once it is stored, so nothing anyone has seen can be lost in a crash. When the store
 * fails, changes wait here (shown to nobody) and are retried with back-off until it succeeds.
 * After `compactEvery` stored changes the room's log is compacted into one snapshot.
 */
export class Outbox {
  private readonly queue: Pending[] = [];
  private pumping: Promise<void> | null = null;
  private closed = false;
  /** Stored changes since the log was last compacted. */
  updatesSinceCompaction = 0;
  /** Size of the document as stored, in bytes (updates since the last snapshot included). */
  documentBytes = 0;

  constructor(
    private readonly room: string,
    private readonly store: ConferenceStore,
    private readonly log: FastifyBaseLogger,
    private readonly compactEvery: number,
    private readonly relay: (update: Uint8Array, origin: Origin) => void,
  ) {}

  get pending(): number {
    return this.queue.length;
  }

  push(update: Uint8Array, origin: Origin): void {
    if (this.closed) return;
    this.documentBytes += update.byteLength;
    this.queue.push({ update, origin });
    this.pumping ??= this.pump().finally(() => {
      this.pumping = null;
    });
  }

  /** Resolves once every change pushed so far is stored (and relayed). */
  async stored(): Promise<void> {
    while (this.pumping) await this.pumping;
  }

  /** Resolves once a write in flight (if any) has finished; used before a purge. */
  async settled(): Promise<void> {
    await this.pumping?.catch(() => undefined);
  }

  /** Stops storing: what is queued is dropped (the room is purged or freed). */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
  }

  /**
   * Stores queued updates in order; each is relayed only once it is stored. Retries forever on
   * failure. Updates that arrive while the log is being compacted (which takes round trips on
   * PostgreSQL) are picked up by the next turn of the outer loop: none is left waiting.
   */
  private async pump(): Promise<void> {
    while (this.queue.length > 0 && !this.closed) {
      await this.storeQueued();
      if (this.closed) return;
      if (this.updatesSinceCompaction >= this.compactEvery) await this.compact();
    }
  }

  private async storeQueued(): Promise<void> {
    let failures = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0] as Pending;
      try {
        await this.store.appendUpdate(this.room, next.update);
      } catch (err) {
        if (this.closed) return;
        const wait = STORE_RETRY_MS[Math.min(failures, STORE_RETRY_MS.length - 1)] as number;
        failures++;
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
        await new Promise((r) => setTimeout(r, wait));
        continue;
      }
      if (failures > 0) this.log.warn({ event: 'store.recovered', room: this.room, afterFailures: failures });
      failures = 0;
      this.queue.shift();
      if (this.closed) return;
      this.updatesSinceCompaction++;
      this.relay(next.update, next.origin);
    }
  }

  /** Replaces the stored log by one snapshot. */
  private async compact(): Promise<void> {
    const counted = this.updatesSinceCompaction;
    if (counted === 0) return;
    try {
      this.documentBytes = await this.store.compact(this.room);
      // Updates stored while it ran (on PostgreSQL) count towards the next compaction.
      this.updatesSinceCompaction -= counted;
    } catch (err) {
      this.log.error({ event: 'store.compact_failed', room: this.room, err: err instanceof Error ? err.message : String(err) });
    }
  }
}
