import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { FastifyBaseLogger } from 'fastify';
import type { AccessRole } from '../../shared/model/index.js';
import { isDocumentUpdate, type ConferenceBudget } from './limits.js';
import { ProtocolError } from './protocol.js';
import { TokenBucket } from './rate.js';
import type { Corks } from './tick.js';

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
  maxMessageBytes: number;
  messagesPerSecond: number;
  awarenessPerSecond: number;
  bytesPerSecond: number;
}

const WS_OPEN = 1;

/**
 * A stock client asks to sync once per connection (and again only if told to resync every so
 * often); each answer can be the whole document, so a flood of requests is stopped early.
 */
const SYNC_REQUESTS_PER_SECOND = 0.5;
const SYNC_REQUESTS_BURST = 5;

/**
 * A binary message framed for the websocket protocol (RFC 6455: final frame, binary, not masked, as
 * a server sends it), so that a message sent to everyone in a room is framed once, not once for
 * each of them.
 */
export function frameBinary(message: Uint8Array): Buffer {
  const n = message.byteLength;
  const head = n < 126 ? 2 : n < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + n);
  frame[0] = 0x82;
  if (n < 126) frame[1] = n;
  else if (n < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(n, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(n / 2 ** 32), 2);
    frame.writeUInt32BE(n >>> 0, 6);
  }
  frame.set(message, head);
  return frame;
}

/** ws's own network socket, how it frames messages and its frame reader: private to ws, so used with care. */
interface WsInternals {
  _socket?: Socket;
  extensions: string;
  _receiver?: { prependListener(event: 'error', listener: (err: Error & { code?: string }) => void): unknown };
}

type Data = Buffer | ArrayBuffer | Buffer[];

const sizeOf = (data: Data): number => (Array.isArray(data) ? data.reduce((n, b) => n + b.byteLength, 0) : data.byteLength);

/** The first bytes of a message, enough to tell a document update (see isDocumentUpdate). */
function headOf(data: Data): Uint8Array {
  const first = Array.isArray(data) ? data[0] : data;
  if (!first) return new Uint8Array(0);
  return first instanceof ArrayBuffer ? new Uint8Array(first, 0, Math.min(2, first.byteLength)) : first.subarray(0, 2);
}

/**
 * One websocket in a room. Its messages are handled in arrival order, each inside its own guard, so
 * a message that fails closes this connection only (as Hocuspocus' Connection does). Until the room
 * has loaded and greeted the connection, messages wait in order; after that each is handled as it
 * arrives, synchronously, unless the conference has used its budget (ConferenceBudget): then the
 * socket is paused and its messages wait, in order, until the budget has refilled.
 *
 * On arrival each message counts against this connection's own limits (messages and bytes per
 * second): past them the connection is closed (4429). A single frame over MAX_MESSAGE_BYTES is
 * refused by ws as its header arrives, before its payload is read into memory (4413).
 */
export class Connection {
  /** The awareness client id this connection speaks for (set by its first awareness message). */
  awarenessId: number | null = null;
  alive = true;
  readonly presence: TokenBucket;
  /** Sync requests (sync step 1): each is answered with what the sender lacks, up to the whole document. */
  readonly syncRequests = new TokenBucket(SYNC_REQUESTS_PER_SECOND, SYNC_REQUESTS_BURST);
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;
  /** Messages waiting, in order: for the room to be ready, or for the conference's budget. */
  private readonly waiting: Array<[Data, boolean]> = [];
  private ready = false;
  /** While the conference's budget is used up: when to read on. */
  private resumeTimer: NodeJS.Timeout | null = null;
  /** This connection has waited for the conference's budget at least once (logged once). */
  private slowed = false;
  private handle: (data: Data, isBinary: boolean) => void = () => undefined;
  private closed = false;
  private left = false;
  private corked = false;
  private onLeave: () => void = () => undefined;

  constructor(
    readonly socket: WebSocket,
    readonly rights: ConnectionRights,
    private readonly limits: ConnectionLimits,
    private readonly log: FastifyBaseLogger,
    readonly room: string,
    /** The tick's corks: while the tick sends, this socket's messages leave together. */
    private readonly corks: Corks | null = null,
    /** What the whole conference may send (null: no limit). */
    private readonly budget: ConferenceBudget | null = null,
  ) {
    this.messages = new TokenBucket(limits.messagesPerSecond, limits.messagesPerSecond * 4);
    this.presence = new TokenBucket(limits.awarenessPerSecond, limits.awarenessPerSecond * 4);
    this.bytes = new TokenBucket(limits.bytesPerSecond, Math.max(limits.bytesPerSecond * 4, limits.maxMessageBytes * 2));
    // ws refuses a frame over its maxPayload (MAX_MESSAGE_BYTES) from its header, and closes with
    // 1009 and no reason; closing first gives the reason, as for every other refusal.
    (socket as unknown as WsInternals)._receiver?.prependListener('error', (err) => {
      if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') this.fail(new ProtocolError(4413, 'message too large'));
    });
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /**
   * Runs `start` once `ready` resolves, then `handle` for each message in arrival order. Any error
   * (a load that failed, a message refused) closes this connection with a reason and is never
   * left unhandled.
   */
  process(ready: Promise<void>, start: () => void, handle: (data: Data, isBinary: boolean) => void, onLeave: () => void): void {
    this.handle = handle;
    ready.then(
      () => {
        if (this.closed) return;
        try {
          start();
        } catch (err) {
          this.fail(err);
          return;
        }
        this.ready = true;
        this.drain();
      },
      (err: unknown) => this.fail(err),
    );
    this.socket.on('message', (data: Data, isBinary: boolean) => {
      if (this.closed) return;
      // Rate checks happen on arrival, so a flood is stopped before it queues up.
      if (!this.messages.take()) {
        this.fail(new ProtocolError(4429, 'too many messages'));
        return;
      }
      if (!this.bytes.take(sizeOf(data))) {
        this.fail(new ProtocolError(4429, 'too many bytes'));
        return;
      }
      this.waiting.push([data, isBinary]);
      this.drain();
    });
    this.socket.on('pong', () => {
      this.alive = true;
    });
    this.onLeave = onLeave;
    this.socket.on('close', () => this.leave());
    this.socket.on('error', () => this.leave());
  }

  /**
   * Handles the messages waiting, in order, while the conference's budget allows; when it does
   * not, pauses the socket (the sender's own buffers fill up, not the server's memory) and goes on
   * once the budget has refilled.
   */
  private drain(): void {
    if (!this.ready || this.resumeTimer) return;
    let handled = 0;
    while (handled < this.waiting.length && !this.closed) {
      const [data, isBinary] = this.waiting[handled] as [Data, boolean];
      const wait = this.budget && isBinary && isDocumentUpdate(headOf(data)) ? this.budget.take(sizeOf(data)) : 0;
      if (wait > 0) {
        if (!this.slowed) {
          this.slowed = true;
          this.log.info({ event: 'relay.conference_budget', room: this.room, role: this.rights.role });
        }
        this.waiting.splice(0, handled);
        this.socket.pause();
        this.resumeTimer = setTimeout(() => {
          this.resumeTimer = null;
          this.drain();
        }, wait);
        return;
      }
      handled++;
      try {
        this.handle(data, isBinary);
      } catch (err) {
        this.fail(err);
      }
    }
    this.waiting.length = 0;
    if (this.socket.isPaused && !this.closed) this.socket.resume();
  }

  /** The room forgets the connection: once, however it ended. */
  private leave(): void {
    this.closed = true;
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.resumeTimer = null;
    this.waiting.length = 0;
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

  /**
   * Sends a message; a connection that stopped reading is closed instead of buffering without
   * bound. While the tick sends, the socket is corked (see Corks).
   */
  send(message: Uint8Array): void {
    const raw = this.writable();
    if (raw === null) return;
    // A failed write closes the socket, and ws reports that as 'close': no callback needed.
    this.socket.send(message, { binary: true });
  }

  /**
   * Sends a message already framed by frameBinary (the same bytes for everyone in a room), written
   * straight to the network socket. ws writes its own frames the same way, whole and at once, and
   * keeps nothing queued when no extension (compression) is in use; with one, ws frames it.
   */
  sendFramed(message: Uint8Array, frame: Buffer): void {
    const raw = this.writable();
    if (raw === null) return;
    if (raw && (this.socket as unknown as WsInternals).extensions === '') raw.write(frame);
    else this.socket.send(message, { binary: true });
  }

  /** The network socket to write to (undefined: write through ws), or null when nothing may be sent. */
  private writable(): Socket | undefined | null {
    const socket = this.socket;
    if (this.closed || socket.readyState !== WS_OPEN) return null;
    if (socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.log.warn({ event: 'relay.slow_reader_dropped', room: this.room, role: this.rights.role, bufferedBytes: socket.bufferedAmount });
      this.close(4408, 'connection too slow: not reading');
      return null;
    }
    const raw = (socket as unknown as WsInternals)._socket;
    // While the tick sends, the socket stays corked until the tick has sent everything.
    if (this.corks?.corking && !this.corked) this.corked = this.corks.add(raw, () => (this.corked = false));
    return raw;
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
