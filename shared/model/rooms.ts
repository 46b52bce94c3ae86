import { ACCESS_ROLES, type AccessRole } from './types.js';
import { isConferenceId } from './ids.js';
import { BOARD_SCHEMA, CHAIR_SCHEMA, type DocumentSchema } from './schema.js';

/**
 * The two documents of a conference, as data: the relay room each lives in (the conference id
 * plus a suffix), who may read it and who may write it, and the schema its updates are checked
 * against. The server decides access with this table; the client reads the same table to know
 * whether a document is writable for the person at the screen.
 */
export type RoomKind = 'board' | 'chair';

export interface RoomAccess {
  suffix: '' | '/chair';
  read: readonly AccessRole[];
  write: readonly AccessRole[];
  schema: DocumentSchema;
}

export const ROOMS: Readonly<Record<RoomKind, RoomAccess>> = {
  board: { suffix: '', read: ACCESS_ROLES, write: ACCESS_ROLES, schema: BOARD_SCHEMA },
  chair: { suffix: '/chair', read: ACCESS_ROLES, write: ['chair'], schema: CHAIR_SCHEMA },
};

export function roomName(conferenceId: string, kind: RoomKind): string {
  return `${conferenceId}${ROOMS[kind].suffix}`;
}

export function chairRoomName(conferenceId: string): string {
  return roomName(conferenceId, 'chair');
}

/** Which conference and which of its documents a relay room name means, or null. */
export function parseRoomName(room: string): { conferenceId: string; kind: RoomKind } | null {
  for (const kind of Object.keys(ROOMS) as RoomKind[]) {
    const suffix = ROOMS[kind].suffix;
    if (!room.endsWith(suffix)) continue;
    const id = room.slice(0, room.length - suffix.length);
    if (isConferenceId(id)) return { conferenceId: id, kind };
  }
  return null;
}

export function roomsOf(conferenceId: string): string[] {
  return (Object.keys(ROOMS) as RoomKind[]).map((kind) => roomName(conferenceId, kind));
}

export function mayWriteRoom(kind: RoomKind, role: AccessRole): boolean {
  return ROOMS[kind].write.includes(role);
}
