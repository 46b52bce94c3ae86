import * as Y from 'yjs';

/**
 * The chair's document: state only the chair may change. It is a second Y.Doc per conference, in
 * the relay room `<conferenceId>/chair`, which the relay opens read-only for everyone but the chair.
 *
 *   chair: Y.Map   lockedAt (number | absent): when the chair ended the meeting (written by the server)
 */
export function chairRoomName(conferenceId: string): string {
  return `${conferenceId}/chair`;
}

function chairMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>('chair');
}

export interface ChairState {
  /** When the meeting ended and the board became read-only; null while it runs. */
  lockedAt: number | null;
}

export function readChairState(doc: Y.Doc): ChairState {
  const lockedAt = chairMap(doc).get('lockedAt');
  return { lockedAt: typeof lockedAt === 'number' ? lockedAt : null };
}

/** Only the server writes this, when the chair ends the meeting. */
export function markLocked(doc: Y.Doc, at: number): void {
  chairMap(doc).set('lockedAt', at);
}
