import * as Y from 'yjs';
import type { WebSocket } from 'ws';
import type { FastifyBaseLogger } from 'fastify';
import type { ConferenceStore } from '../store/store.js';
import type { RoomBus, Subscription } from './bus.js';
import {
  awarenessProtocol,
  decodeClientMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  filterAwarenessUpdate,
  ProtocolError,
  type AwarenessEntry,
} from './protocol.js';
import { TokenBucket } from './rate.js';

/** What one websocket connection may do in its room. */
export interface ConnectionRights {
  role: string;
  /** Who is behind the connection (their participant id); equal for the same person reconnecting. */
  identity: string;
  /** May change this document (while the conference is not locked). */
  canWrite: boolean;
}

interface Connection {
  socket: WebSocket;
  rights: ConnectionRights;
  /** The awareness client id this connection speaks for (set by its first awareness message). */
  awarenessId: number | null;
  alive: boolean;
  messages: TokenBucket;
  presence: TokenBucket;
}

export interface RoomOptions {
  compactEvery: number;
  maxMessageBytes: number;
  maxBufferedBytes: number;
  maxDocumentBytes: number;
  messagesPerSecond: number;
  awarenessPerSecond: number;
}

const WS_OPEN = 1;
/** Transaction origin of updates that another server instance stored and relayed to us. */
const FROM_PEER_INSTANCE = Symbol('peer instance');
const STORE_RETRY_MS = [100, 250, 500, 1000, 2000, 5000];

interface PendingUpdate {
  update: Uint8Array;
  origin: unknown;
}

/**
 * One conference document in memory with the connections that share it.
 *
 * Every update a client sends is applied to the document, then stored, and only once it is stored
 * relayed to anyone (and answered in any sync reply). If the store fails, the update waits in
 * memory and is retried, and the room stops telling anyone anything new until it is stored: nothing
 * that was not kept is ever acknowledged. The room is loaded from the store before any client hears
 * anything, so nobody ever sees an empty board while it loads.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Map<WebSocket, Connection>();
  readonly ready: Promise<void>;
  /** Once the meeting has ended nobody's writes are applied, stored or relayed. */
  locked = false;
  private updatesSinceCompaction = 0;
  /** Size of the document as stored, in bytes (updates since the last snapshot included). */
  private documentBytes = 0;
  private closed = false;
  private readonly outbox: PendingUpdate[] = [];
  private pumping: Promise<void> | null = null;
  private subscription: Subscription | null = null;

  constructor(
    readonly name: string,
    private readonly store: ConferenceStore,
    private readonly options: RoomOptions,
    private readonly log: FastifyBaseLogger,
    private readonly onEmpty: (room: Room) => void,
    private readonly isLocked: () => Promise<boolean>,
    private readonly bus: RoomBus | null,
    /** The unload of an earlier copy of this room, still storing what it holds: loaded after it. */
    private readonly previous: Promise<unknown> | null = null,
  ) {
    this.awareness.setLocalState(null);
    this.ready = this.load();
  }

  private async load(): Promise<void> {
    if (this.previous) await this.previous.catch(() => undefined);
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
    }, 'store');
    // One stored row is already a snapshot: a visit that changes nothing need not compact it again.
    this.updatesSinceCompaction = updates.length > 1 ? updates.length : 0;
    this.documentBytes = updates.reduce((sum, u) => sum + u.byteLength, 0);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin));
    this.awareness.on('update', (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) =>
      this.onAwarenessUpdate(changes, origin),
    );
    loaded = true;
    for (const apply of early) apply();
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
    Y.applyUpdate(this.doc, update, FROM_PEER_INSTANCE);
  }

  private applyAwarenessFromPeer(update: Uint8Array): void {
    if (this.closed) return;
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, FROM_PEER_INSTANCE);
  }

  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    if (this.closed) return;
    this.documentBytes += update.byteLength;
    if (origin === FROM_PEER_INSTANCE) {
      // Stored by the instance that received it; only relay it here.
      this.broadcast(encodeUpdate(update), null);
      return;
    }
    this.outbox.push({ update, origin });
    this.pumping ??= this.pump().finally(() => {
      this.pumping = null;
    });
  }

  /**
   * Stores queued updates in order; each is relayed only once it is stored. Retries forever on
   * failure. Updates that arrive while the log is being compacted (which takes round trips on
   * PostgreSQL) are picked up by the next turn of the outer loop: none is left waiting.
   */
  private async pump(): Promise<void> {
    while (this.outbox.length > 0 && !this.closed) {
      await this.storeAndRelayOutbox();
      if (this.closed) return;
      if (this.updatesSinceCompaction >= this.options.compactEvery) await this.compact();
    }
  }

  private async storeAndRelayOutbox(): Promise<void> {
    let failures = 0;
    while (this.outbox.length > 0) {
      const next = this.outbox[0] as PendingUpdate;
      try {
        await this.store.appendUpdate(this.name, next.update);
      } catch (err) {
        if (this.closed) return;
        const wait = STORE_RETRY_MS[Math.min(failures, STORE_RETRY_MS.length - 1)] as number;
        failures++;
        this.log.error(
          {
            event: 'store.write_failed',
            room: this.name,
            waiting: this.outbox.length,
            retryInMs: wait,
            err: err instanceof Error ? err.message : String(err),
          },
          'COULD NOT STORE A CHANGE: it is kept in memory, not shown to anyone, and retried',
        );
        await new Promise((r) => setTimeout(r, wait));
        continue;
      }
      if (failures > 0) this.log.warn({ event: 'store.recovered', room: this.name, afterFailures: failures });
      failures = 0;
      this.outbox.shift();
      if (this.closed) return;
      this.updatesSinceCompaction++;
      this.broadcast(encodeUpdate(next.update), next.origin);
      if (this.bus) this.bus.publishUpdate(this.name, next.update);
    }
  }

  /** Resolves once every change the room has applied is stored (and relayed). */
  private async stored(): Promise<void> {
    while (this.pumping) await this.pumping;
  }

  private broadcast(message: Uint8Array, except: unknown): void {
    for (const conn of this.connections.values()) {
      if (conn.socket !== except) this.send(conn, message);
    }
  }

  private onAwarenessUpdate(changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void {
    const changed = [...changes.added, ...changes.updated, ...changes.removed];
    if (changed.length === 0 || this.closed) return;
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    this.broadcast(encodeAwareness(update), origin);
    if (this.bus && origin !== FROM_PEER_INSTANCE) this.bus.publishAwareness(this.name, update);
  }

  /** Replaces the stored log by one snapshot. */
  private async compact(): Promise<void> {
    const counted = this.updatesSinceCompaction;
    if (counted === 0) return;
    try {
      this.documentBytes = await this.store.compact(this.name);
      // Updates stored while it ran (on PostgreSQL) count towards the next compaction.
      this.updatesSinceCompaction -= counted;
    } catch (err) {
      this.log.error({ event: 'store.compact_failed', room: this.name, err: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Adds a connection; it hears the document only once the room has loaded. */
  join(socket: WebSocket, rights: ConnectionRights): void {
    const conn: Connection = {
      socket,
      rights,
      awarenessId: null,
      alive: true,
      messages: new TokenBucket(this.options.messagesPerSecond, this.options.messagesPerSecond * 4),
      presence: new TokenBucket(this.options.awarenessPerSecond, this.options.awarenessPerSecond * 4),
    };
    this.connections.set(socket, conn);
    // Messages are handled in arrival order, each after the load has finished.
    let queue: Promise<void> = this.ready.then(() => this.greet(conn));
    socket.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
      // Rate checks happen on arrival, so a flood is stopped before it queues up.
      if (!conn.messages.take()) {
        this.refuse(conn, new ProtocolError(4429, 'too many messages'));
        return;
      }
      queue = queue.then(() => this.receive(conn, data, isBinary));
    });
    socket.on('pong', () => {
      conn.alive = true;
    });
    socket.on('close', () => this.leave(conn));
    socket.on('error', () => this.leave(conn));
    queue.catch((err: unknown) => {
      this.log.error({ event: 'room.load_failed', room: this.name, err: String(err) });
      this.closeConnection(conn, 1011, 'the conference could not be loaded');
    });
  }

  private async greet(conn: Connection): Promise<void> {
    await this.stored();
    if (!this.connections.has(conn.socket)) return;
    this.send(conn, encodeSyncStep1(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) this.send(conn, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
  }

  private async receive(conn: Connection, data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): Promise<void> {
    if (!this.connections.has(conn.socket)) return;
    try {
      if (!isBinary) throw new ProtocolError(4400, 'text messages are not accepted');
      const bytes = Array.isArray(data) ? new Uint8Array(Buffer.concat(data)) : new Uint8Array(data);
      if (bytes.byteLength > this.options.maxMessageBytes) throw new ProtocolError(4413, 'message too large');
      const message = decodeClientMessage(bytes);
      switch (message.kind) {
        case 'sync-step-1':
          // Answer only with what is stored: nothing unkept is ever acknowledged.
          await this.stored();
          this.send(conn, encodeSyncStep2(this.doc, message.stateVector));
          break;
        case 'doc-update':
          // A read-only connection's writes are dropped here: they reach nobody and are never stored.
          if (!conn.rights.canWrite || this.locked) return;
          if (this.documentBytes + message.update.byteLength > this.options.maxDocumentBytes) {
            // The running count only grows (overwritten text is counted too): measure for real.
            this.documentBytes = Y.encodeStateAsUpdate(this.doc).byteLength;
            if (this.documentBytes + message.update.byteLength > this.options.maxDocumentBytes) {
              throw new ProtocolError(4413, 'the conference document is full');
            }
          }
          try {
            // Decoding first refuses garbage before anything of it touches the document.
            Y.decodeUpdate(message.update);
            Y.applyUpdate(this.doc, message.update, conn.socket);
          } catch {
            throw new ProtocolError(4400, 'document update does not decode');
          }
          break;
        case 'awareness':
          this.applyAwareness(conn, message.update, message.entries);
          break;
        case 'query-awareness': {
          const states = [...this.awareness.getStates().keys()];
          this.send(conn, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
          break;
        }
      }
    } catch (err) {
      this.refuse(conn, err);
    }
  }

  private refuse(conn: Connection, err: unknown): void {
    if (!this.connections.has(conn.socket)) return;
    if (err instanceof ProtocolError) {
      this.log.warn({ event: 'relay.refused_message', room: this.name, role: conn.rights.role, code: err.code, reason: err.reason });
      this.closeConnection(conn, err.code, err.reason);
    } else {
      this.log.error({ event: 'relay.error', room: this.name, err: err instanceof Error ? err.message : String(err) });
      this.closeConnection(conn, 1011, 'internal error');
    }
  }

  /**
   * A connection may speak only for its own awareness client id: the first new one it announces.
   * Stock clients echo the presence of others back to the server unchanged: such an echo (a clock
   * the room already has) is dropped quietly. A newer state for an id that another connection owns
   * is a claim on someone else's presence and closes the connection, unless both connections share
   * one identity (the same person reconnecting while the old socket has not timed out yet).
   */
  private applyAwareness(conn: Connection, update: Uint8Array, entries: AwarenessEntry[]): void {
    const accepted: number[] = [];
    for (const { clientId, clock } of entries) {
      if (clientId === conn.awarenessId) {
        accepted.push(clientId);
        continue;
      }
      const known = this.awareness.meta.get(clientId)?.clock;
      const isEcho = known !== undefined && clock <= known;
      if (isEcho) continue;
      const owner = [...this.connections.values()].find((c) => c !== conn && c.awarenessId === clientId);
      if (owner && owner.rights.identity !== conn.rights.identity) {
        throw new ProtocolError(4403, 'presence belongs to another participant');
      }
      if (conn.awarenessId !== null) throw new ProtocolError(4403, 'one connection can show one participant only');
      if (owner) this.closeConnection(owner, 4000, 'replaced by a newer connection');
      conn.awarenessId = clientId;
      accepted.push(clientId);
    }
    if (accepted.length === 0) return;
    // Only a real change of one's own presence counts against the limit; stock clients echo
    // everyone else's presence back, and those echoes were dropped above.
    if (!conn.presence.take()) throw new ProtocolError(4429, 'too many presence updates');
    const filtered = accepted.length === entries.length ? update : filterAwarenessUpdate(update, new Set(accepted));
    awarenessProtocol.applyAwarenessUpdate(this.awareness, filtered, conn.socket);
  }

  private send(conn: Connection, message: Uint8Array): void {
    const socket = conn.socket;
    if (socket.readyState !== WS_OPEN) return;
    if (socket.bufferedAmount > this.options.maxBufferedBytes) {
      this.log.warn({ event: 'relay.slow_reader_dropped', room: this.name, role: conn.rights.role, bufferedBytes: socket.bufferedAmount });
      this.closeConnection(conn, 4408, 'connection too slow: not reading');
      return;
    }
    socket.send(message, { binary: true }, (err) => {
      if (err) this.leave(conn);
    });
  }

  /** Sends a ping to every connection and drops those that did not answer the last one. */
  heartbeat(): void {
    for (const conn of this.connections.values()) {
      if (!conn.alive) {
        conn.socket.terminate();
        this.leave(conn);
        continue;
      }
      conn.alive = false;
      try {
        conn.socket.ping();
      } catch {
        this.leave(conn);
      }
    }
  }

  closeConnection(conn: Connection, code: number, reason: string): void {
    try {
      conn.socket.close(code, reason);
    } catch {
      conn.socket.terminate();
    }
    this.leave(conn);
  }

  /** Closes every connection (for a restart or a purge). */
  closeAll(code: number, reason: string): void {
    for (const conn of [...this.connections.values()]) this.closeConnection(conn, code, reason);
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
      return !this.closed && this.updatesSinceCompaction > 0;
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
    await this.pumping?.catch(() => undefined);
  }

  private free(): void {
    if (this.closed) return;
    this.closed = true;
    this.outbox.length = 0;
    void this.subscription?.unsubscribe();
    this.subscription = null;
    this.awareness.destroy();
    this.doc.destroy();
  }
}
