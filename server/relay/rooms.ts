import type { FastifyBaseLogger } from 'fastify';
import type { ConferenceStore } from '../store/store.js';
import type * as Y from 'yjs';
import { chairRoomName, parseRoomName, roomsOf } from '../../shared/model/index.js';
import type { RoomBus } from './bus.js';
import { ConferenceBudget } from './limits.js';
import { boardPolicy, chairPolicy, checkStats } from './policy.js';
import { Room, type RoomOptions } from './room.js';
import { PRESENCE_INTERVAL_MS, Tick } from './tick.js';

/** Close code for connections of a conference that has been deleted. The stock client does not retry 44xx. */
export const CLOSE_PURGED = 4410;
/** Close code for the connections of a person the chair removed. */
export const CLOSE_REMOVED = 4403;

/** The rooms loaded in this process: a room is loaded on first connection and freed after the last leaves. */
export class Rooms {
  private readonly rooms = new Map<string, Room>();
  private readonly heartbeatTimer: NodeJS.Timeout;
  /** Rooms freed since their log last grew, waiting to be compacted into one snapshot. */
  private readonly toCompact = new Set<string>();
  /** Rooms freed but still storing what they hold; a room loaded again meanwhile waits for them. */
  private readonly unloading = new Map<string, { room: Room; done: Promise<void> }>();
  /** Rooms kept loaded because a loaded room reads them (a board's rules read its chair's document). */
  private readonly pins = new Map<string, number>();
  /** What each conference with a loaded room may send (shared by its two rooms), and how many of its rooms are loaded. */
  private readonly budgets = new Map<string, { budget: ConferenceBudget; rooms: number }>();
  private compacting: Promise<void> | null = null;
  /** Once per turn of the event loop: what every room stores, then relays (see tick.ts). */
  private readonly tick: Tick;

  constructor(
    private readonly store: ConferenceStore,
    private readonly options: RoomOptions & {
      pingIntervalMs: number;
      conferenceBytesPerSecond: number;
      conferenceUpdatesPerSecond: number;
    },
    private readonly log: FastifyBaseLogger,
    private readonly bus: RoomBus | null = null,
  ) {
    this.tick = new Tick(store, log, PRESENCE_INTERVAL_MS);
    this.heartbeatTimer = setInterval(() => {
      for (const room of this.rooms.values()) room.heartbeat();
    }, options.pingIntervalMs);
    this.heartbeatTimer.unref();
    bus?.onControl((conferenceId, event) => {
      if (event === 'locked') this.lock(conferenceId, false);
      else if (event.startsWith('removed:'))
        this.closeParticipant(
          conferenceId,
          event.slice('removed:'.length),
          CLOSE_REMOVED,
          'The chair removed you from this conference.',
          false,
        );
      else void this.purge(conferenceId, false);
    });
    // After the bus was away, catch up from the store: Yjs ignores what a room already has.
    bus?.onReconnect(() => {
      for (const room of this.rooms.values()) void room.catchUp();
    });
  }

  get size(): number {
    return this.rooms.size;
  }

  get(name: string): Room {
    const existing = this.rooms.get(name);
    if (existing) return existing;
    const parsed = parseRoomName(name);
    if (!parsed) throw new Error('not a room');
    const waitFor: Array<Promise<unknown>> = [];
    const previous = this.unloading.get(name)?.done;
    if (previous) waitFor.push(previous);
    let hooks;
    if (parsed.kind === 'board') {
      // The board's rules read the chair's document (confirmations, scoring settings): it stays
      // loaded as long as the board is, and the board is ready only once it is.
      const chairName = chairRoomName(parsed.conferenceId);
      const chair = this.get(chairName);
      this.pins.set(chairName, (this.pins.get(chairName) ?? 0) + 1);
      waitFor.push(chair.ready);
      hooks = boardPolicy(chair, this.log, this.options);
    } else hooks = chairPolicy(this.log, this.options);
    const budget = this.budgets.get(parsed.conferenceId) ?? { budget: new ConferenceBudget(this.options), rooms: 0 };
    budget.rooms++;
    this.budgets.set(parsed.conferenceId, budget);
    const room = new Room(
      name,
      this.store,
      this.options,
      this.log,
      (empty) => this.release(empty),
      () => this.isLocked(name),
      this.bus,
      hooks,
      this.tick,
      waitFor,
      budget.budget,
    );
    this.rooms.set(name, room);
    // A room that could not be loaded is forgotten, so the next person to connect tries again.
    room.ready.catch(() => {
      if (this.rooms.get(name) !== room) return;
      this.forget(room);
      void room.discard();
    });
    return room;
  }

  /** Takes a room out of the loaded set (it may still be storing); a board lets go of its chair room. */
  private forget(room: Room): void {
    if (this.rooms.get(room.name) !== room) return;
    this.rooms.delete(room.name);
    const parsed = parseRoomName(room.name);
    if (!parsed) return;
    const budget = this.budgets.get(parsed.conferenceId);
    if (budget && --budget.rooms <= 0) this.budgets.delete(parsed.conferenceId);
    if (parsed.kind === 'board') this.unpin(chairRoomName(parsed.conferenceId));
  }

  private unpin(name: string): void {
    const count = (this.pins.get(name) ?? 1) - 1;
    if (count > 0) {
      this.pins.set(name, count);
      return;
    }
    this.pins.delete(name);
    const room = this.rooms.get(name);
    if (room && room.connections.size === 0) this.release(room);
  }

  private async isLocked(room: string): Promise<boolean> {
    const conferenceId = parseRoomName(room)?.conferenceId;
    return conferenceId ? ((await this.store.getConference(conferenceId))?.lockedAt ?? null) !== null : false;
  }

  /** Runs `change` on a room's document as the server (loading it if nobody is connected). */
  async change(name: string, change: (doc: Y.Doc) => void): Promise<void> {
    await this.holding([name], ([room]) => room?.serverChange(change));
  }

  /** Reads a conference's two documents together (loading them if nobody is connected). */
  async readConference<T>(conferenceId: string, read: (doc: Y.Doc, chairDoc: Y.Doc) => T): Promise<T> {
    return this.holding([conferenceId, chairRoomName(conferenceId)], ([board, chair]) => read((board as Room).doc, (chair as Room).doc));
  }

  /** Applies what the store has that the loaded rooms of a conference lack (several instances share it). */
  async catchUpConference(conferenceId: string): Promise<void> {
    if (!this.bus) return;
    await Promise.all(roomsOf(conferenceId).map((name) => this.rooms.get(name)?.catchUp()));
  }

  /** Reads a room's document (loading it if nobody is connected). */
  async read<T>(name: string, read: (doc: Y.Doc) => T): Promise<T> {
    return this.holding([name], ([room]) => read((room as Room).doc));
  }

  /**
   * Runs `use` on rooms loaded for it and held in memory until it returns: a room nobody is
   * connected to is freed after, never during (a release already under way for an earlier read
   * would otherwise free it while this waits for it, and a change made then would be lost).
   */
  private async holding<T>(names: readonly string[], use: (rooms: Room[]) => T): Promise<T> {
    const held: Room[] = [];
    try {
      for (const name of names) {
        held.push(this.get(name));
        this.pins.set(name, (this.pins.get(name) ?? 0) + 1);
      }
      await Promise.all(held.map((room) => room.ready));
      return use(held);
    } finally {
      // Only the rooms pinned here (a name that is not a room throws before its pin).
      for (const room of held) this.unpin(room.name);
    }
  }

  /** Makes every connection of a conference read-only, here and (`announce`) on every other instance. */
  lock(conferenceId: string, announce = true): void {
    for (const name of roomsOf(conferenceId)) {
      const room = this.rooms.get(name);
      if (room) room.locked = true;
    }
    if (announce) this.bus?.publishControl(conferenceId, 'locked');
  }

  /** Closes one person's connections to a conference, here and (`announce`) on every other instance. */
  closeParticipant(conferenceId: string, participantId: string, code: number, reason: string, announce = true): void {
    for (const name of roomsOf(conferenceId)) this.rooms.get(name)?.closeParticipant(participantId, code, reason);
    if (announce) this.bus?.publishControl(conferenceId, `removed:${participantId}`);
  }

  /**
   * Closes every connection of a conference with a message and frees its rooms without writing
   * anything more, here and (`announce`) on every other instance. Rooms already freed but still
   * storing are stopped too. Resolves once no write of theirs is in flight, so that the purge of
   * the store comes after every write and nothing is written back after it.
   */
  async purge(conferenceId: string, announce = true): Promise<void> {
    const stopping: Array<Promise<void>> = [];
    for (const name of roomsOf(conferenceId)) {
      this.toCompact.delete(name);
      const unloading = this.unloading.get(name);
      if (unloading)
        stopping.push(
          unloading.room.discard(),
          unloading.done.catch(() => undefined),
        );
      const room = this.rooms.get(name);
      if (!room) continue;
      this.forget(room);
      stopping.push(room.discard());
      room.closeAll(CLOSE_PURGED, 'This conference has been deleted.');
    }
    if (announce) this.bus?.publishControl(conferenceId, 'purged');
    await Promise.all(stopping);
  }

  private release(room: Room): void {
    // Wait for a load in progress; someone may also have joined again meanwhile.
    room.ready
      .catch(() => undefined)
      .then(() => {
        if (room.connections.size > 0 || this.rooms.get(room.name) !== room || (this.pins.get(room.name) ?? 0) > 0) return;
        this.forget(room);
        const unloaded = room
          .unload()
          .then((grown) => {
            if (grown) this.compactLater(room.name);
          })
          .finally(() => {
            if (this.unloading.get(room.name)?.done === unloaded) this.unloading.delete(room.name);
          });
        this.unloading.set(room.name, { room, done: unloaded });
        return unloaded;
      })
      .catch((err: unknown) => this.log.error({ event: 'room.unload_failed', room: room.name, err: String(err) }));
  }

  /**
   * Compacts freed rooms' logs one at a time, letting every other message through between two of
   * them: when a meeting with many screens ends, or many conferences end together, nobody else's
   * edits wait behind a burst of compactions.
   */
  private compactLater(name: string): void {
    this.toCompact.add(name);
    this.compacting ??= this.compactQueued().finally(() => {
      this.compacting = null;
    });
  }

  private async compactQueued(): Promise<void> {
    // A Set visits names added while it is being walked, so this drains what arrives meanwhile.
    for (const name of this.toCompact) {
      await new Promise((resolve) => setImmediate(resolve));
      if (!this.toCompact.delete(name)) continue; // purged meanwhile
      try {
        await this.store.compact(name);
      } catch (err) {
        this.log.error({ event: 'store.compact_failed', room: name, err: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  /** How many rooms and connections this process holds, and what checking updates has cost (for /healthz). */
  stats(): { rooms: number; connections: number; checks: { updates: number; micros: number } } {
    let connections = 0;
    for (const room of this.rooms.values()) connections += room.connections.size;
    return {
      rooms: this.rooms.size,
      connections,
      checks: { updates: checkStats.updates, micros: Number(checkStats.nanoseconds / 1000n) },
    };
  }

  /** Closes every connection with `code`/`reason`, then stores and flushes every room (for shutdown). */
  async closeAll(code: number, reason: string): Promise<void> {
    clearInterval(this.heartbeatTimer);
    const rooms = [...this.rooms.values()];
    this.rooms.clear();
    for (const room of rooms) room.closeAll(code, reason);
    const grown = await Promise.all(rooms.map((room) => room.unload()));
    // Rooms freed a moment ago may still be storing what they hold.
    await Promise.all([...this.unloading.values()].map(({ done }) => done.catch(() => undefined)));
    rooms.forEach((room, i) => {
      if (grown[i]) this.toCompact.add(room.name);
    });
    await this.compacting;
    await this.compactQueued();
  }
}
