import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import type { ControlEvent, RoomBus, RoomBusHandlers, Subscription } from './bus.js';

const KIND_UPDATE = 0;
const KIND_AWARENESS = 1;
const CONTROL_CHANNEL = 'conference-board:control';
const roomChannel = (room: string): string => `conference-board:room:${room}`;

/**
 * Redis pub/sub between server instances (REDIS_URL). Each instance subscribes to the rooms it has
 * loaded; a change stored by one instance is published to the others, which relay it to their own
 * connections. Messages carry the sender's instance id, so an instance ignores its own.
 * Frame: [kind (1 byte)][instance id (16 bytes)][payload].
 */
export class RedisBus implements RoomBus {
  private readonly instance = crypto.randomBytes(16);
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly handlers = new Map<string, Set<RoomBusHandlers>>();
  private readonly controlHandlers: Array<(conferenceId: string, event: ControlEvent) => void> = [];
  private readonly reconnectHandlers: Array<() => void> = [];
  private connectedOnce = false;

  constructor(
    url: string,
    private readonly onError: (err: Error) => void,
  ) {
    this.pub = new Redis(url, { maxRetriesPerRequest: null });
    this.sub = new Redis(url, { maxRetriesPerRequest: null });
    this.pub.on('error', onError);
    this.sub.on('error', onError);
    void this.sub.subscribe(CONTROL_CHANNEL);
    this.sub.on('ready', () => {
      // ioredis subscribes again by itself; what was published meanwhile is lost, so say so.
      if (this.connectedOnce) for (const handler of this.reconnectHandlers) handler();
      this.connectedOnce = true;
    });
    this.sub.on('messageBuffer', (channelBuf: Buffer, message: Buffer) => {
      const channel = channelBuf.toString();
      if (channel === CONTROL_CHANNEL) {
        const parsed = JSON.parse(message.toString()) as { instance: string; conferenceId: string; event: ControlEvent };
        if (parsed.instance === this.instance.toString('hex')) return;
        for (const handler of this.controlHandlers) handler(parsed.conferenceId, parsed.event);
        return;
      }
      if (message.length < 17 || message.subarray(1, 17).equals(this.instance)) return;
      const room = channel.slice(roomChannel('').length);
      const payload = new Uint8Array(message.subarray(17));
      for (const h of this.handlers.get(room) ?? []) {
        if (message[0] === KIND_UPDATE) h.update(payload);
        else if (message[0] === KIND_AWARENESS) h.awareness(payload);
      }
    });
  }

  async ready(): Promise<void> {
    await Promise.all([this.pub.ping(), this.sub.ping().catch(() => undefined)]);
  }

  async subscribe(room: string, handlers: RoomBusHandlers): Promise<Subscription> {
    let set = this.handlers.get(room);
    if (!set) {
      set = new Set();
      this.handlers.set(room, set);
      await this.sub.subscribe(roomChannel(room));
    }
    set.add(handlers);
    return {
      unsubscribe: async () => {
        const current = this.handlers.get(room);
        if (!current) return;
        current.delete(handlers);
        if (current.size === 0) {
          this.handlers.delete(room);
          await this.sub.unsubscribe(roomChannel(room)).catch(() => undefined);
        }
      },
    };
  }

  private publish(room: string, kind: number, payload: Uint8Array): void {
    const frame = Buffer.concat([Buffer.from([kind]), this.instance, Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength)]);
    this.pub.publish(roomChannel(room), frame).catch((err: unknown) => this.onError(err instanceof Error ? err : new Error(String(err))));
  }

  publishUpdate(room: string, update: Uint8Array): void {
    this.publish(room, KIND_UPDATE, update);
  }

  publishAwareness(room: string, update: Uint8Array): void {
    this.publish(room, KIND_AWARENESS, update);
  }

  publishControl(conferenceId: string, event: ControlEvent): void {
    this.pub
      .publish(CONTROL_CHANNEL, JSON.stringify({ instance: this.instance.toString('hex'), conferenceId, event }))
      .catch(() => undefined);
  }

  onControl(handler: (conferenceId: string, event: ControlEvent) => void): void {
    this.controlHandlers.push(handler);
  }

  onReconnect(handler: () => void): void {
    this.reconnectHandlers.push(handler);
  }

  connected(): boolean {
    return this.pub.status === 'ready' && this.sub.status === 'ready';
  }

  async close(): Promise<void> {
    this.sub.disconnect();
    this.pub.disconnect();
  }
}
