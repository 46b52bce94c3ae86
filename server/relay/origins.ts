import type { Connection } from './connection.js';

/**
 * Where a change to a room's document came from: the Yjs transaction origin. Only changes from a
 * connection are checked against the rules; the others are the server's own or were checked by
 * the instance that received them.
 */
export const FROM_STORE = { kind: 'store' } as const;
/** Stored and relayed by another server instance (scale-out): applied and relayed, not stored again. */
export const FROM_PEER = { kind: 'peer' } as const;
/** The server's own change (details at creation, the participant directory, migrations, the lock). */
export const FROM_SERVER = { kind: 'server' } as const;

export type Origin = typeof FROM_STORE | typeof FROM_PEER | typeof FROM_SERVER | Connection;
