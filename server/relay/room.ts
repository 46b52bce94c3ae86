import * as Y from 'yjs';
import type { WebSocket } from 'ws';
import type { FastifyBaseLogger } from 'fastify';
import type { ConferenceStore } from '../store/store.js';
import type { RoomBus, Subscription } from './bus.js';
import { Connection, frameBinary, type ConnectionRights } from './connection.js';
import type { ConferenceBudget } from './limits.js';
import { FROM_PEER, FROM_SERVER, FROM_STORE, type Origin } from './origins.js';
import { Outbox, type Pending } from './persistence.js';
import {
  awarenessProtocol,
  decodeClientMessage,
  presenceAsServerSays,
  encodeAwareness,
  encodeAwarenessEntries,
  joinAwarenessEntries,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  ProtocolError,
  type AwarenessEntry,
} from './protocol.js';
import type { Tick } from './tick.js';

export type { ConnectionRights } from './connection.js';

export interface RoomOptions {
  compactEvery: number;
  maxMessageBytes: number;
  maxBufferedBytes: number;
  maxDocumentBytes: number;
  messagesPerSecond: number;
  awarenessPerSecond: number;
  bytesPerSecond: number;
  maxPersonBytes: number;
  recordsPerMinute: number;
  connectionsPerPerson: number;
  maxPresenceBytes: number;
}

/**
 * Close code for a connection past CONNECTIONS_PER_PERSON. In the 4500–4599 range, which the stock
 * client treats as "try again later": a person whose old connection has not timed out yet gets in
 * once it has.
 */
export const CLOSE_TOO_MANY_CONNECTIONS = 4529;

/** What the policy says of an update from a client, before it touches the document. */
export type ApplyDecision =
  /** Apply it; `prepare` is a change of the server's own, made first (registering the client's id). */
  | { kind: 'apply'; prepare?: (doc: Y.Doc) => void }
  /** Nothing in it is new: drop it quietly (a sync reply that repeats what the room has). */
  | { kind: 'skip' }
  /** Refused: the connection is closed with this error, and nothing of the update is kept. */
  | { kind: 'refuse'; error: ProtocolError };

/**
 * The points of a room's life where the rules plug in (as Hocuspocus' hooks do). The relay knows
 * nothing of the conference's schema: the policy (policy.ts) does.
 */
export interface RoomHooks {
  /** After the stored document is loaded, before anyone hears it (migrations). */
  loaded?(room: Room): void;
  /** A connection is about to hear the document for the first time (the participant directory). */
  joined?(room: Room, conn: Connection): void;
  /** Before an update from a client touches the document. */
  beforeApply?(room: Room, conn: Connection, update: Uint8Array): ApplyDecision;
  /** After the meeting: whether this connection may still write (the chair, while amending the record). */
  writableWhileLocked?(room: Room, conn: Connection): boolean;
}

/** Above this many senders in one turn, everyone gets the whole merged update (their own part included). */
const MAX_SENDERS_LEFT_OUT = 4;

/**
 * One conference document in memory with the connections that share it.
 *
 * Every update a client sends is checked by the policy, then applied to the document, then stored,
 * and only once it is stored relayed to anyone (and answered in any sync reply). The updates of one
 * turn of the event loop are stored together and relayed as one merged update, and presence changes
 * as one message (see tick.ts). If the store fails, the update waits in memory and is retried, and
 * the room stops telling anyone anything new until it is stored: nothing that was not kept is ever
 * acknowledged. The room is loaded from the store
 * before any client hears anything, so nobody ever sees an empty board while it loads. Should
 * applying an update ever throw, the room stops and is loaded again from the store rather than
 * carrying on with a half-applied document.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Map<WebSocket, Connection>();
  readonly ready: Promise<void>;
  /** Once the meeting has ended nobody's writes are applied, stored or relayed (but the chair's while amending: see RoomHooks). */
  locked = false;
  /** Applying an update threw: the room takes no more changes and is freed to be loaded again. */
  broken = false;
  private closed = false;
  private readonly outbox: Outbox;
  private subscription: Subscription | null = null;
  /** Updates a client's update produced while it is being applied, stored only if it applies cleanly. */
  private capturing: Uint8Array[] | null = null;
  /** Presence changed in this turn: client id → the connection it came from (null: the server, a peer). */
  private readonly presenceChanges = new Map<number, unknown>();

  constructor(
    readonly name: string,
    private readonly store: ConferenceStore,
    private readonly options: RoomOptions,
    private readonly log: FastifyBaseLogger,
    private readonly onEmpty: (room: Room) => void,
    private readonly isLocked: () => Promise<boolean>,
    private readonly bus: RoomBus | null,
    private readonly hooks: RoomHooks,
    private readonly tick: Tick,
    /** What must be loaded first: an earlier copy of this room still storing, and companion rooms the policy reads. */
    private readonly waitFor: Array<Promise<unknown>> = [],
    /** What all connections to the conference may send together (shared with its other room). */
    private readonly budget: ConferenceBudget | null = null,
  ) {
    this.awareness.setLocalState(null);
    this.outbox = new Outbox(name, store, log, options.compactEvery, tick.batcher, (stored) => this.relayStored(stored));
    this.ready = this.load();
    // Whoever waits for the room handles a failed load; this keeps it from ever going unhandled.
    this.ready.catch(() => undefined);
  }

  private async load(): Promise<void> {
    await Promise.all(this.waitFor.map((p) => p.catch(() => undefined)));
    // Freed (purged, or the server is stopping) while it waited: nothing to load.
    if (this.closed) return;
    // Listen to the other instances first, so nothing published during the load is missed;
    // what arrives before the load has finished is applied after it (Yjs ignores duplicates).
    const early: Array<() => void> = [];
    let loaded = false;
    if (this.bus) {
      this.subscription = await this.bus.subscribe(this.name, {
        update: (update) => (loaded ? this.applyFromPeer(update) : early.push(() => this.applyFromPeer(update))),
        awareness: (update) => (loaded ? this.applyAwarenessFromPeer(update) : early.push(() => this.applyAwarenessFromPeer(update))),
      });
      if (this.closed) {
        void this.subscription.unsubscribe();
        this.subscription = null;
        return;
      }
    }
    const [updates, locked] = await Promise.all([this.store.loadUpdates(this.name), this.isLocked()]);
    if (this.closed) return;
    this.locked = this.locked || locked;
    this.doc.transact(() => {
      for (const update of updates) Y.applyUpdate(this.doc, update);
    }, FROM_STORE);
    // One stored row is already a snapshot: a visit that changes nothing need not compact it again.
    this.outbox.updatesSinceCompaction = updates.length > 1 ? updates.length : 0;
    this.outbox.documentBytes = updates.reduce((sum, u) => sum + u.byteLength, 0);
    this.outbox.snapshotBytes = this.outbox.documentBytes;
    this.outbox.bytesSinceCompaction = updates.length > 1 ? this.outbox.documentBytes : 0;
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin as Origin));
    this.awareness.on('update', (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) =>
      this.onAwarenessUpdate(changes, origin),
    );
    loaded = true;
    for (const apply of early) apply();
    if (!this.locked) this.hooks.loaded?.(this);
  }

  /** Makes a change as the server (stored and relayed like any other). */
  serverChange(change: (doc: Y.Doc) => void): void {
    if (this.closed) return;
    this.doc.transact(() => change(this.doc), FROM_SERVER);
  }

  /** Applies whatever the store has that this room lacks (after missing messages from other instances). */
  async catchUp(): Promise<void> {
    try {
      const updates = await this.store.loadUpdates(this.name);
      for (const update of updates) this.applyFromPeer(update);
    } catch (err) {
      this.log.error({ event: 'room.catch_up_failed', room: this.name, err: err instanceof Error ? err.message : String(err) });
    }
  }

  private applyFromPeer(update: Uint8Array): void {
    if (this.closed) return;
    Y.applyUpdate(this.doc, update, FROM_PEER);
  }

  private applyAwarenessFromPeer(update: Uint8Array): void {
    if (this.closed) return;
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, FROM_PEER);
  }

  private onDocUpdate(update: Uint8Array, origin: Origin): void {
    if (this.closed) return;
    if (origin === FROM_PEER) {
      // Stored by the instance that received it; only relay it here.
      this.outbox.documentBytes += update.byteLength;
      this.broadcast(encodeUpdate(update), null);
      return;
    }
    if (this.capturing && origin instanceof Connection) {
      this.capturing.push(update);
      return;
    }
    this.outbox.push(update, origin);
  }

  /** The document's size as counted: what was loaded plus every update since (overwritten content too). */
  get documentBytes(): number {
    return this.outbox.documentBytes;
  }

  /** Measures the document's size for real (a full encoding of it: costly) and keeps the count. */
  measureDocument(): number {
    this.outbox.documentBytes = Y.encodeStateAsUpdate(this.doc).byteLength;
    return this.outbox.documentBytes;
  }

  /** Resolves once every change the room has applied is stored (and relayed). */
  stored(): Promise<void> {
    return this.outbox.stored();
  }

  /** Sends one message to everyone but `except`, framed once. */
  private broadcast(message: Uint8Array, except: unknown): void {
    let frame: Buffer | null = null;
    for (const conn of this.connections.values()) {
      if (conn === except) continue;
      frame ??= frameBinary(message);
      conn.sendFramed(message, frame);
    }
  }

  /**
   * Relays the updates stored in one turn as one merged update. Each sender's own part is left out
   * of what it gets back, while there are few senders; with many, everyone gets the whole (a client
   * ignores what it already has).
   */
  private relayStored(stored: Pending[]): void {
    if (this.closed) return;
    const merge = (updates: Uint8Array[]): Uint8Array => (updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates));
    const merged = merge(stored.map((p) => p.update));
    if (this.bus) this.bus.publishUpdate(this.name, merged);
    const senders = new Set<unknown>();
    for (const p of stored) if (p.origin instanceof Connection) senders.add(p.origin);
    const frame = encodeUpdate(merged);
    if (senders.size === 1 && stored.every((p) => p.origin === stored[0]?.origin)) {
      this.broadcast(frame, stored[0]?.origin);
      return;
    }
    const leftOut = senders.size <= MAX_SENDERS_LEFT_OUT;
    const framed = frameBinary(frame);
    for (const conn of this.connections.values()) {
      if (!leftOut || !senders.has(conn)) {
        conn.sendFramed(frame, framed);
        continue;
      }
      const others = stored.filter((p) => p.origin !== conn).map((p) => p.update);
      if (others.length > 0) conn.send(encodeUpdate(merge(others)));
    }
  }

  private onAwarenessUpdate(changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void {
    if (this.closed) return;
    for (const ids of [changes.added, changes.updated, changes.removed]) for (const id of ids) this.presenceChanges.set(id, origin);
    if (this.presenceChanges.size > 0) this.tick.presenceChanged(this);
  }

  /**
   * Sends the presence changes of this turn as one message to everyone, each connection's own
   * entry left out of what it gets (called by the tick, once per turn).
   */
  flushPresence(): void {
    if (this.closed || this.presenceChanges.size === 0) return;
    const changes = [...this.presenceChanges];
    this.presenceChanges.clear();
    // Each entry encoded once (the update of one client without its leading count of 1).
    const entries = changes.map(([id]) => awarenessProtocol.encodeAwarenessUpdate(this.awareness, [id]).subarray(1));
    const all = encodeAwareness(joinAwarenessEntries(entries));
    const framed = frameBinary(all);
    for (const conn of this.connections.values()) {
      const own = changes.findIndex(([id, origin]) => origin === conn && id === conn.awarenessId);
      if (own < 0) conn.sendFramed(all, framed);
      else if (entries.length > 1) conn.send(encodeAwareness(joinAwarenessEntries(entries.filter((_, i) => i !== own))));
    }
    if (this.bus) {
      // What came from another instance is not sent back to the others.
      const ours = entries.filter((_, i) => changes[i]?.[1] !== FROM_PEER);
      if (ours.length > 0) this.bus.publishAwareness(this.name, joinAwarenessEntries(ours));
    }
  }

  /**
   * Adds a connection; it hears the document only once the room has loaded. A person who already
   * has CONNECTIONS_PER_PERSON connections here gets no more: the socket is closed (4529) and null
   * returned.
   */
  join(socket: WebSocket, rights: ConnectionRights): Connection | null {
    let theirs = 0;
    for (const c of this.connections.values()) if (c.rights.identity === rights.identity) theirs++;
    if (theirs >= this.options.connectionsPerPerson) {
      this.log.warn({ event: 'relay.too_many_connections', room: this.name, role: rights.role, open: theirs });
      socket.close(CLOSE_TOO_MANY_CONNECTIONS, 'too many connections for one person: close another window of this conference');
      return null;
    }
    const conn = new Connection(socket, rights, this.options, this.log, this.name, this.tick.corks, this.budget);
    this.connections.set(socket, conn);
    conn.process(
      this.ready.catch((err: unknown) => {
        this.log.error({ event: 'room.load_failed', room: this.name, err: err instanceof Error ? err.message : String(err) });
        throw new ProtocolError(1011, 'the conference could not be loaded');
      }),
      () => this.greet(conn),
      (data, isBinary) => this.receive(conn, data, isBinary),
      () => this.leave(conn),
    );
    return conn;
  }

  private greet(conn: Connection): void {
    if (!conn.isOpen || this.closed) return;
    if (!this.locked) this.hooks.joined?.(this, conn);
    // Only what is stored is ever told: the greeting waits for the end of the turn if need be.
    this.outbox.whenStored(() => {
      if (!conn.isOpen || this.closed) return;
      conn.send(encodeSyncStep1(this.doc));
      const states = [...this.awareness.getStates().keys()];
      if (states.length > 0) conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
    });
  }

  private receive(conn: Connection, data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
    if (!isBinary) throw new ProtocolError(4400, 'text messages are not accepted');
    const bytes = Array.isArray(data)
      ? new Uint8Array(Buffer.concat(data))
      : data instanceof ArrayBuffer
        ? new Uint8Array(data)
        : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (bytes.byteLength > this.options.maxMessageBytes) throw new ProtocolError(4413, 'message too large');
    const message = decodeClientMessage(bytes);
    switch (message.kind) {
      case 'sync-step-1':
        if (!conn.syncRequests.take()) throw new ProtocolError(4429, 'too many sync requests');
        // Answer only with what is stored: nothing unkept is ever acknowledged.
        this.outbox.whenStored(() => {
          if (conn.isOpen && !this.closed) conn.send(encodeSyncStep2(this.doc, message.stateVector));
        });
        break;
      case 'doc-update':
        this.applyClientUpdate(conn, message.update);
        break;
      case 'awareness':
        this.applyAwareness(conn, message.entries);
        break;
      case 'query-awareness': {
        const states = [...this.awareness.getStates().keys()];
        conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
        break;
      }
    }
  }

  private applyClientUpdate(conn: Connection, update: Uint8Array): void {
    // A read-only connection's writes are dropped here: they reach nobody and are never stored.
    // After the meeting, so is everyone's, but for the chair's while the chair amends the record.
    if (!conn.rights.canWrite || this.closed || (this.locked && !this.hooks.writableWhileLocked?.(this, conn))) return;
    if (this.broken) throw new ProtocolError(1012, 'the conference is reloading');
    const decision = this.hooks.beforeApply?.(this, conn, update) ?? { kind: 'apply' };
    if (decision.kind === 'skip') return;
    if (decision.kind === 'refuse') throw decision.error;
    if (decision.prepare) this.serverChange(decision.prepare);
    this.capturing = [];
    try {
      Y.applyUpdate(this.doc, update, conn);
    } catch (err) {
      this.capturing = null;
      this.breakDown(err);
      throw new ProtocolError(4400, 'document update does not apply');
    }
    const captured = this.capturing;
    this.capturing = null;
    for (const u of captured) this.outbox.push(u, conn);
  }

  /**
   * Applying an update threw, so the document may be half-changed: nothing more is taken, what was
   * already checked and queued is stored, everyone else is asked to reconnect (1012), and the room
   * is freed; the next connection loads it again from the store.
   */
  private breakDown(err: unknown): void {
    this.broken = true;
    this.log.error({ event: 'room.apply_failed', room: this.name, err: err instanceof Error ? err.message : String(err) });
    queueMicrotask(() => this.closeAll(1012, 'the conference is reloading'));
  }

  /**
   * Presence is the server's word: the `user` of every state a connection announces is replaced by
   * who the connection is (participant id, name, role as the server holds them), and a state over
   * MAX_PRESENCE_BYTES is refused (4413) before anyone hears it.
   *
   * A connection may speak only for its own awareness client id: the first new one it announces.
   * Stock clients echo the presence of others back to the server unchanged: such an echo (a clock
   * the room already has) is dropped quietly, on its clock alone, before its state is even decoded.
   * A newer state for an id that another connection owns is a claim on someone else's presence and
   * closes the connection, unless both connections share one identity (the same person
   * reconnecting while the old socket has not timed out yet).
   */
  private applyAwareness(conn: Connection, entries: AwarenessEntry[]): void {
    const accepted: AwarenessEntry[] = [];
    for (const entry of entries) {
      const { clientId, clock } = entry;
      if (clientId !== conn.awarenessId) {
        const known = this.awareness.meta.get(clientId)?.clock;
        // An echo: dropped.
        if (known !== undefined && clock <= known) continue;
        let owner: Connection | undefined;
        for (const c of this.connections.values()) if (c !== conn && c.awarenessId === clientId) owner = c;
        if (owner && owner.rights.identity !== conn.rights.identity) {
          throw new ProtocolError(4403, 'presence belongs to another participant');
        }
        if (conn.awarenessId !== null) throw new ProtocolError(4403, 'one connection can show one participant only');
        if (owner) owner.close(4000, 'replaced by a newer connection');
        conn.awarenessId = clientId;
      }
      const { identity: id, name, roleLabel, role } = conn.rights;
      accepted.push(presenceAsServerSays(entry, { id, name, roleLabel, role }, this.options.maxPresenceBytes));
    }
    if (accepted.length === 0) return;
    // Only a real change of one's own presence counts against the limit; stock clients echo
    // everyone else's presence back, and those echoes were dropped above.
    if (!conn.presence.take()) throw new ProtocolError(4429, 'too many presence updates');
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), conn);
  }

  /** True when another person's connection shows presence under this client id. */
  presenceOfOther(clientId: number, conn: Connection): boolean {
    for (const c of this.connections.values()) {
      if (c !== conn && c.awarenessId === clientId && c.rights.identity !== conn.rights.identity) return true;
    }
    return false;
  }

  /** Sends a ping to every connection and drops those that did not answer the last one. */
  heartbeat(): void {
    for (const conn of [...this.connections.values()]) {
      if (!conn.ping()) conn.terminate();
    }
  }

  /** Closes every connection (for a restart or a purge). */
  closeAll(code: number, reason: string): void {
    for (const conn of [...this.connections.values()]) conn.close(code, reason);
  }

  /** Closes the connections of one participant (when the chair removes them). */
  closeParticipant(identity: string, code: number, reason: string): number {
    let closed = 0;
    for (const conn of [...this.connections.values()]) {
      if (conn.rights.identity !== identity) continue;
      conn.close(code, reason);
      closed++;
    }
    return closed;
  }

  private leave(conn: Connection): void {
    if (!this.connections.delete(conn.socket)) return;
    if (conn.awarenessId !== null) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [conn.awarenessId], null);
    }
    if (this.connections.size === 0) this.onEmpty(this);
  }

  /**
   * Stores what is pending and frees the document. Resolves to whether the stored log has grown
   * since its last compaction (the caller compacts it: see Rooms).
   */
  async unload(): Promise<boolean> {
    if (this.closed) return false;
    try {
      await this.stored();
      // A room discarded meanwhile (its conference purged) must not be compacted back.
      return !this.closed && this.outbox.updatesSinceCompaction > 0;
    } finally {
      this.free();
    }
  }

  /**
   * Frees the document without writing anything more (its stored content is being purged).
   * Resolves once a write already in flight has finished, so the purge can come after it.
   */
  async discard(): Promise<void> {
    this.free();
    await this.outbox.settled();
  }

  private free(): void {
    if (this.closed) return;
    this.closed = true;
    this.outbox.close();
    void this.subscription?.unsubscribe();
    this.subscription = null;
    this.awareness.destroy();
    this.doc.destroy();
  }
}
