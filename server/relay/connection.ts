import type { WebSocket } from 'ws';
import type { FastifyBaseLogger } from 'fastify';
import type { AccessRole } from '../../shared/model/index.js';
import { ProtocolError } from './protocol.js';
import { TokenBucket } from './rate.js';

/** What one websocket connection may do in its room, and who is behind it. */
export interface ConnectionRights {
  role: AccessRole;
  /** Who is behind the connection (their participant id); equal for the same person reconnecting. */
  identity: string;
  /** The name and role the person gave, as the server holds them. */
  name: string;
  roleLabel: string;
  /** May change this document (while the conference is not locked). */
  canWrite: boolean;
  /** The lead social worker, who may change drafts while the conference is being prepared. */
  lead: boolean;
}

export interface ConnectionLimits {
  maxBufferedBytes: number;
  messagesPerSecond: number;
  awarenessPerSecond: number;
}

const WS_OPEN = 1;

/**
 * One websocket in a room: its own queue of messages, handled in arrival order, each inside its
 * own guard, so a message that fails closes this connection only (as Hocuspocus' Connection does).
 */
export class Connection {
  /** The awareness client id this connection speaks for (set by its first awareness message). */
  awarenessId: number | null = null;
  alive = true;
  readonly presence: TokenBucket;
  private readonly messages: TokenBucket;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  private left = false;
  private onLeave: () => void = () => undefined;

  constructor(
    readonly socket: WebSocket,
    readonly rights: ConnectionRights,
    private readonly limits: ConnectionLimits,
    private readonly log: FastifyBaseLogger,
    readonly room: string,
  ) {
    this.messages = new TokenBucket(limits.messagesPerSecond, limits.messagesPerSecond * 4);
    this.presence = new TokenBucket(limits.awarenessPerSecond, limits.awarenessPerSecond * 4);
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /**
   * Runs `start` once `ready` resolves, then `handle` for each message in arrival order. Any error
   * (a load that failed, a message refused) closes this connection with a reason and is never
   * left unhandled.
   */
  process(
    ready: Promise<void>,
    start: () => void | Promise<void>,
    handle: (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => void | Promise<void>,
    onLeave: () => void,
  ): void {
    this.queue = ready.then(start).catch((err: unknown) => this.fail(err));
    this.socket.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
      // Rate checks happen on arrival, so a flood is stopped before it queues up.
      if (!this.messages.take()) {
        this.fail(new ProtocolError(4429, 'too many messages'));
        return;
      }
      this.queue = this.queue.then(() => (this.closed ? undefined : handle(data, isBinary))).catch((err: unknown) => this.fail(err));
    });
    this.socket.on('pong', () => {
      this.alive = true;
    });
    this.onLeave = onLeave;
    this.socket.on('close', () => this.leave());
    this.socket.on('error', () => this.leave());
  }

  /** The room forgets the connection: once, however it ended. */
  private leave(): void {
    this.closed = true;
    if (this.left) return;
    this.left = true;
    this.onLeave();
  }

  /** Closes the connection for `err`: a 44xx code with its reason, or 1011 for anything unexpected. */
  fail(err: unknown): void {
    if (this.closed) return;
    if (err instanceof ProtocolError) {
      this.log.warn({ event: 'relay.refused_message', room: this.room, role: this.rights.role, code: err.code, reason: err.reason });
      this.close(err.code, err.reason);
    } else {
      this.log.error({ event: 'relay.error', room: this.room, err: err instanceof Error ? err.message : String(err) });
      this.close(1011, 'internal error');
    }
  }

  /** Sends a message; a connection that stopped reading is closed instead of buffering without bound. */
  send(message: Uint8Array): void {
    const socket = this.socket;
    if (this.closed || socket.readyState !== WS_OPEN) return;
    if (socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.log.warn({ event: 'relay.slow_reader_dropped', room: this.room, role: this.rights.role, bufferedBytes: socket.bufferedAmount });
      this.close(4408, 'connection too slow: not reading');
      return;
    }
    socket.send(message, { binary: true }, (err) => {
      if (err) this.terminate();
    });
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.socket.close(code, reason);
    } catch {
      this.socket.terminate();
    }
    this.leave();
  }

  terminate(): void {
    this.socket.terminate();
    this.leave();
  }

  /** Keep-alive: false when the last ping went unanswered (the caller drops the connection). */
  ping(): boolean {
    if (!this.alive) return false;
    this.alive = false;
    try {
      this.socket.ping();
      return true;
    } catch {
      return false;
    }
  }
}
