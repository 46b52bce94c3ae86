import type { FastifyBaseLogger } from 'fastify';
import type { ConferenceStore } from '../store/store.js';
import { Room, type RoomOptions } from './room.js';

/** The rooms loaded in this process: a room is loaded on first connection and freed after the last leaves. */
export class Rooms {
  private readonly rooms = new Map<string, Room>();
  private readonly heartbeatTimer: NodeJS.Timeout;

  constructor(
    private readonly store: ConferenceStore,
    private readonly options: RoomOptions & { pingIntervalMs: number },
    private readonly log: FastifyBaseLogger,
  ) {
    this.heartbeatTimer = setInterval(() => {
      for (const room of this.rooms.values()) room.heartbeat();
    }, options.pingIntervalMs);
    this.heartbeatTimer.unref();
  }

  get size(): number {
    return this.rooms.size;
  }

  get(name: string): Room {
    let room = this.rooms.get(name);
    if (!room) {
      room = new Room(name, this.store, this.options, this.log, (empty) => this.release(empty));
      this.rooms.set(name, room);
    }
    return room;
  }

  private release(room: Room): void {
    // Wait for a load in progress; someone may also have joined again meanwhile.
    room.ready
      .catch(() => undefined)
      .then(() => {
        if (room.connections.size > 0 || this.rooms.get(room.name) !== room) return;
        this.rooms.delete(room.name);
        room.unload();
      })
      .catch((err: unknown) => this.log.error({ event: 'room.unload_failed', room: room.name, err: String(err) }));
  }

  /** Closes every connection with `code`/`reason` and flushes every room (for shutdown). */
  closeAll(code: number, reason: string): void {
    clearInterval(this.heartbeatTimer);
    for (const room of [...this.rooms.values()]) {
      room.closeAll(code, reason);
      this.rooms.delete(room.name);
      room.unload();
    }
  }
}
