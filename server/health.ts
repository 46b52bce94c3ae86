import type { FastifyBaseLogger } from 'fastify';
import type { ConferenceStore } from './store/store.js';
import type { RoomBus } from './relay/bus.js';

/** What /healthz says. `ok` is false (HTTP 503) when this instance cannot store. */
export interface HealthReport {
  ok: boolean;
  store: 'ok' | 'failing';
  redis: 'ok' | 'down' | 'none';
}

const PROBE_EVERY_MS = 1000;
const PROBE_TIMEOUT_MS = 2000;

/**
 * Whether this instance can store (a real write of one row) and whether its Redis is connected.
 * Requests within a second of a probe share its result, so a flood of health checks cannot turn
 * into a flood of writes, nor, while the database is locked, of waits for it.
 */
export class Health {
  private last: { at: number; result: Promise<boolean> } | null = null;

  constructor(
    private readonly store: ConferenceStore,
    private readonly bus: RoomBus | null,
    private readonly log: FastifyBaseLogger,
  ) {}

  async report(): Promise<HealthReport> {
    const stores = await this.canStore();
    return { ok: stores, store: stores ? 'ok' : 'failing', redis: this.bus ? (this.bus.connected() ? 'ok' : 'down') : 'none' };
  }

  private canStore(): Promise<boolean> {
    const now = Date.now();
    if (this.last && now - this.last.at < PROBE_EVERY_MS) return this.last.result;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), PROBE_TIMEOUT_MS);
    });
    const result = Promise.race([this.store.probe(), timeout]).then(
      () => true,
      (err: unknown) => {
        // The code (SQLITE_BUSY, ECONNREFUSED, …) says what failed; messages may quote data.
        const code = (err as { code?: unknown } | null)?.code;
        this.log.error({ event: 'health.store_failed', code: typeof code === 'string' ? code : 'unknown' });
        return false;
      },
    );
    void result.finally(() => clearTimeout(timer));
    this.last = { at: now, result };
    return result;
  }
}
