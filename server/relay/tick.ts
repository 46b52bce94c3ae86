import type { Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import type { ConferenceStore } from '../store/store.js';
import { StoreBatcher } from './persistence.js';

/**
 * Presence (who is here, where their cursor is) is sent at most this often, each time with every
 * change since the last: in a room of n people each change would otherwise cost n frames out, and
 * as many echoes back from stock clients. A tenth of a second is not noticed in a list of who is
 * here (Liveblocks throttles presence to the same 100 ms by default); edits are never held back.
 */
export const PRESENCE_INTERVAL_MS = 100;

/** A room's part in the tick: its presence changes, sent once per turn. */
export interface PresenceFlush {
  flushPresence(): void;
}

/**
 * Sockets written to while the tick sends: each is corked on its first message and uncorked once
 * the tick has sent everything, so that a connection's document update and presence leave in one
 * write (one system call) instead of one each.
 */
export class Corks {
  private active = 0;
  private readonly sockets: Array<{ socket: Socket; uncorked: () => void }> = [];

  /** Corks `socket` until the tick has sent everything (`uncorked` is called then); false if not corked. */
  add(socket: Socket | undefined, uncorked: () => void): boolean {
    if (this.active === 0 || !socket) return false;
    socket.cork();
    this.sockets.push({ socket, uncorked });
    return true;
  }

  get corking(): boolean {
    return this.active > 0;
  }

  begin(): void {
    this.active++;
  }

  end(): void {
    if (--this.active > 0) return;
    for (const { socket, uncorked } of this.sockets.splice(0)) {
      uncorked();
      socket.uncork();
    }
  }
}

/**
 * What the relay does once per turn of the event loop, after reading whatever arrived in it: every
 * room's new changes are stored in one transaction (StoreBatcher), then each room sends each of its
 * connections one merged document update and one presence message, with the sockets corked. Nothing
 * is relayed before it is stored. Messages are handled as they arrive; only what they send to others
 * waits for the end of the turn.
 */
export class Tick {
  readonly batcher: StoreBatcher;
  readonly corks = new Corks();
  private scheduled = false;
  /** Rooms whose presence changed, sent with the next turn; and those waiting for the next presence round. */
  private readonly presence = new Set<PresenceFlush>();
  private readonly presenceLater = new Set<PresenceFlush>();
  private presenceTimer: NodeJS.Timeout | null = null;

  constructor(
    store: ConferenceStore,
    private readonly log: FastifyBaseLogger,
    /** Presence is sent at most this often (ms); 0: every turn. */
    private readonly presenceIntervalMs = 0,
  ) {
    this.batcher = new StoreBatcher(store, log, () => this.schedule());
  }

  /** A room's presence changed: it is sent at the end of this turn, or with the next presence round. */
  presenceChanged(room: PresenceFlush): void {
    if (this.presenceIntervalMs === 0) {
      this.presence.add(room);
      this.schedule();
      return;
    }
    this.presenceLater.add(room);
    this.presenceTimer ??= setTimeout(() => {
      this.presenceTimer = null;
      for (const r of this.presenceLater) this.presence.add(r);
      this.presenceLater.clear();
      this.schedule();
    }, this.presenceIntervalMs);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate runs once the poll phase has read every socket that had data: one turn.
    setImmediate(() => {
      this.run().catch((err: unknown) => this.log.error({ event: 'relay.error', err: err instanceof Error ? err.message : String(err) }));
    });
  }

  private async run(): Promise<void> {
    this.scheduled = false;
    this.corks.begin();
    try {
      await this.batcher.flush();
      const rooms = [...this.presence];
      this.presence.clear();
      for (const room of rooms) {
        try {
          room.flushPresence();
        } catch (err) {
          this.log.error({ event: 'relay.error', err: err instanceof Error ? err.message : String(err) });
        }
      }
    } finally {
      this.corks.end();
    }
  }
}
