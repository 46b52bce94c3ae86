/**
 * How server instances tell each other about a room's changes when several share the
 * conferences (scale-out). A single instance runs without a bus.
 */
export interface RoomBusHandlers {
  update(update: Uint8Array): void;
  awareness(update: Uint8Array): void;
}

export interface Subscription {
  unsubscribe(): Promise<void>;
}

/** A conference-wide event: the meeting ended, the conference was purged, a person was removed. */
export type ControlEvent = 'locked' | 'purged' | `removed:${string}`;

export interface RoomBus {
  subscribe(room: string, handlers: RoomBusHandlers): Promise<Subscription>;
  publishUpdate(room: string, update: Uint8Array): void;
  publishAwareness(room: string, update: Uint8Array): void;
  /** Conference-wide events (the meeting ended, the conference was purged) for every instance. */
  publishControl(conferenceId: string, event: ControlEvent): void;
  onControl(handler: (conferenceId: string, event: ControlEvent) => void): void;
  /** Called after the bus lost its connection and got it back: messages may have been missed. */
  onReconnect(handler: () => void): void;
  /** Whether the bus is connected now (for /healthz). */
  connected(): boolean;
  close(): Promise<void>;
}
