import type { FastifyBaseLogger } from 'fastify';
import type { ConferenceStore } from '../store/store.js';
import type * as Y from 'yjs';
import { parseRoomName, roomsOf } from '../auth/access.js';
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
      room = new Room(
        name,
        this.store,
        this.options,
        this.log,
        (empty) => this.release(empty),
        () => this.isLocked(name),
      );
      this.rooms.set(name, room);
    }
    return room;
  }

  private async isLocked(room: string): Promise<boolean> {
    const conferenceId = parseRoomName(room)?.conferenceId;
    return conferenceId ? (this.store.getConference(conferenceId)?.lockedAt ?? null) !== null : false;
  }

  /** Runs `change` on a room's document as the server (loading it if nobody is connected). */
  async change(name: string, change: (doc: Y.Doc) => void): Promise<void> {
    const room = this.get(name);
    await room.ready;
    room.doc.transact(() => change(room.doc), 'server');
    if (room.connections.size === 0) this.release(room);
  }

  /** Makes every connection of a conference read-only, now and for anyone who joins later. */
  lock(conferenceId: string): void {
    for (const name of roomsOf(conferenceId)) {
      const room = this.rooms.get(name);
      if (room) room.locked = true;
    }
  }

  /** Closes every connection of a conference and frees its rooms without writing anything back. */
  purge(conferenceId: string, code: number, reason: string): void {
    for (const name of roomsOf(conferenceId)) {
      const room = this.rooms.get(name);
      if (!room) continue;
      this.rooms.delete(name);
      room.discard();
      room.closeAll(code, reason);
    }
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
