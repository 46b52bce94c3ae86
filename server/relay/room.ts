import * as Y from 'yjs';
import type { WebSocket } from 'ws';
import type { FastifyBaseLogger } from 'fastify';
import type { ConferenceStore } from '../store/store.js';
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
}

export interface RoomOptions {
  compactEvery: number;
  maxBufferedBytes: number;
}

const WS_OPEN = 1;

/**
 * One conference document in memory with the connections that share it. Every update a client
 * sends is applied, stored, then relayed; the room is loaded from the store before any client
 * hears anything, so nobody ever sees an empty board while it loads.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Map<WebSocket, Connection>();
  readonly ready: Promise<void>;
  private updatesSinceCompaction = 0;
  private closed = false;
  /** Once the meeting has ended nobody's writes are applied, stored or relayed. */
  locked = false;

  constructor(
    readonly name: string,
    private readonly store: ConferenceStore,
    private readonly options: RoomOptions,
    private readonly log: FastifyBaseLogger,
    private readonly onEmpty: (room: Room) => void,
    private readonly isLocked: () => Promise<boolean>,
  ) {
    this.awareness.setLocalState(null);
    this.ready = this.load();
  }

  private async load(): Promise<void> {
    const [updates, locked] = await Promise.all([this.store.loadUpdates(this.name), this.isLocked()]);
    this.locked = this.locked || locked;
    this.doc.transact(() => {
      for (const update of updates) Y.applyUpdate(this.doc, update);
    }, 'store');
    this.updatesSinceCompaction = updates.length;
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin));
    this.awareness.on('update', (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) =>
      this.onAwarenessUpdate(changes, origin),
    );
  }

  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    if (this.closed) return;
    // Stored before it is relayed: what anyone has seen, the store has.
    this.store.appendUpdate(this.name, update);
    this.updatesSinceCompaction++;
    const message = encodeUpdate(update);
    for (const conn of this.connections.values()) {
      if (conn.socket !== origin) this.send(conn, message);
    }
    if (this.updatesSinceCompaction >= this.options.compactEvery) this.compact();
  }

  private onAwarenessUpdate(changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void {
    const changed = [...changes.added, ...changes.updated, ...changes.removed];
    if (changed.length === 0) return;
    const message = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    for (const conn of this.connections.values()) {
      if (conn.socket !== origin) this.send(conn, message);
    }
  }

  compact(): void {
    if (this.updatesSinceCompaction === 0) return;
    this.store.compact(this.name, Y.encodeStateAsUpdate(this.doc));
    this.updatesSinceCompaction = 0;
  }

  /** Adds a connection; it hears the document only once the room has loaded. */
  join(socket: WebSocket, rights: ConnectionRights): void {
    const conn: Connection = { socket, rights, awarenessId: null, alive: true };
    this.connections.set(socket, conn);
    // Messages are handled in arrival order, each after the load has finished.
    let queue: Promise<void> = this.ready.then(() => this.greet(conn));
    socket.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
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

  private greet(conn: Connection): void {
    if (!this.connections.has(conn.socket)) return;
    this.send(conn, encodeSyncStep1(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) this.send(conn, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
  }

  private receive(conn: Connection, data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
    if (!this.connections.has(conn.socket)) return;
    try {
      if (!isBinary) throw new ProtocolError(4400, 'text messages are not accepted');
      const bytes = Array.isArray(data) ? new Uint8Array(Buffer.concat(data)) : new Uint8Array(data);
      const message = decodeClientMessage(bytes);
      switch (message.kind) {
        case 'sync-step-1':
          this.send(conn, encodeSyncStep2(this.doc, message.stateVector));
          break;
        case 'doc-update':
          // A read-only connection's writes are dropped here: they reach nobody and are never stored.
          if (!conn.rights.canWrite || this.locked) return;
          try {
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
      if (err instanceof ProtocolError) {
        this.log.warn({ event: 'relay.refused_message', room: this.name, role: conn.rights.role, reason: err.reason });
        this.closeConnection(conn, err.code, err.reason);
      } else {
        this.log.error({ event: 'relay.error', room: this.name, err: String(err) });
        this.closeConnection(conn, 1011, 'internal error');
      }
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
    const filtered = accepted.length === entries.length ? update : filterAwarenessUpdate(update, new Set(accepted));
    awarenessProtocol.applyAwarenessUpdate(this.awareness, filtered, conn.socket);
  }

  private send(conn: Connection, message: Uint8Array): void {
    const socket = conn.socket;
    if (socket.readyState !== WS_OPEN) return;
    if (socket.bufferedAmount > this.options.maxBufferedBytes) {
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

  /** Flushes the document into one snapshot and frees it. */
  unload(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.compact();
    } finally {
      this.awareness.destroy();
      this.doc.destroy();
    }
  }

  /** Frees the document without writing anything (its stored content is being purged). */
  discard(): void {
    this.closed = true;
    this.awareness.destroy();
    this.doc.destroy();
  }
}
