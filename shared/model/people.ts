import type * as Y from 'yjs';
import { boardRoot } from './schema.js';
import type { AccessRole, Author } from './types.js';
import { cleanNameList, isAccessRole, LIMITS } from './validation.js';

/**
 * The people of a conference, as the server knows them: everyone let in is added to the
 * `participants` directory by the server when they first connect, from their credential (the name
 * and role they gave when they asked to join). Records keep only participant ids (`addedBy`,
 * `changedBy`), so the name shown beside an item is always the server's, never a browser's claim.
 * The directory is also the attendance list of the record.
 */
export interface Participant {
  id: string;
  name: string;
  roleLabel: string;
  role: AccessRole;
  joinedAt: number;
  /** The lead social worker, named by the chair, who drafts before the meeting. */
  lead: boolean;
}

/** Someone named in the record: who came, or who wrote something. */
export type Attendee = Omit<Participant, 'joinedAt' | 'lead'>;

/** Written by the server when a person connects (and again if their name or role changed). */
export function recordParticipant(doc: Y.Doc, who: Author & { lead?: boolean }, now: number = Date.now()): void {
  const map = boardRoot(doc, 'participants');
  const current = map.get(who.id) as Partial<Participant> | undefined;
  const lead = who.lead === true;
  if (current && current.name === who.name && current.roleLabel === who.roleLabel && current.role === who.role && current.lead === lead)
    return;
  map.set(who.id, { id: who.id, name: who.name, roleLabel: who.roleLabel, role: who.role, joinedAt: current?.joinedAt ?? now, lead });
}

/** Written by the server when a family member opens the conference while it is being prepared. */
export function recordRead(doc: Y.Doc, participantId: string, now: number = Date.now()): void {
  boardRoot(doc, 'reads').set(participantId, now);
}

/** When each person who read the prepared conference last opened it. */
export function readReads(doc: Y.Doc): Array<{ who: Author; at: number }> {
  const people = readParticipants(doc);
  const out: Array<{ who: Author; at: number }> = [];
  boardRoot(doc, 'reads').forEach((at, id) => {
    if (typeof at === 'number') out.push({ who: authorOf(people, id), at });
  });
  return out.sort((a, b) => a.at - b.at);
}

/** The attendance list of a record made outside the server (tests, fixtures): the same directory. */
export const recordAttendance = recordParticipant;

function readParticipant(v: unknown): Participant | null {
  const p = v as Partial<Participant> | null;
  if (!p || typeof p !== 'object' || typeof p.id !== 'string' || typeof p.name !== 'string') return null;
  return {
    id: p.id,
    name: p.name,
    roleLabel: typeof p.roleLabel === 'string' ? p.roleLabel : '',
    role: isAccessRole(p.role) ? p.role : 'professional',
    joinedAt: typeof p.joinedAt === 'number' ? p.joinedAt : 0,
    lead: p.lead === true,
  };
}

export function readParticipants(doc: Y.Doc): Map<string, Participant> {
  const out = new Map<string, Participant>();
  boardRoot(doc, 'participants').forEach((v, id) => {
    const p = readParticipant(v);
    if (p && p.id === id) out.set(id, p);
  });
  return out;
}

/** Who wrote something, for the screen and the record. Someone the directory lacks shows as unknown. */
export function authorOf(participants: ReadonlyMap<string, Participant>, id: string): Author {
  const p = participants.get(id);
  return p ? { id, name: p.name, roleLabel: p.roleLabel, role: p.role } : { id, name: 'Unknown', roleLabel: '', role: 'professional' };
}

/** Who came, chair first, then the family, then the professionals. */
export function readAttendance(doc: Y.Doc): Attendee[] {
  const order = { chair: 0, family: 1, professional: 2 } as const;
  return [...readParticipants(doc).values()]
    .map(({ joinedAt: _j, lead: _l, ...a }) => a)
    .sort((a, b) => order[a.role] - order[b.role] || a.name.localeCompare(b.name));
}

// ---- apologies (the chair records who was invited but could not come) ----

export function setApologies(doc: Y.Doc, names: string[]): void {
  boardRoot(doc, 'record').set('apologies', cleanNameList(names, LIMITS.apology, LIMITS.apologies));
}

export function readApologies(doc: Y.Doc): string[] {
  const v = boardRoot(doc, 'record').get('apologies');
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

// ---- which Yjs client wrote what ----

/**
 * The server registers, in the document, which participant each Yjs client id belongs to, the
 * first time that client writes. From then on only that participant may write with that client
 * id: nobody can add content under someone else's id (and so take the place of their next edit).
 */
export function registerWriter(doc: Y.Doc, clientId: number, participantId: string): void {
  boardRoot(doc, 'writers').set(String(clientId), participantId);
}

export function writerOf(doc: Y.Doc, clientId: number): string | null {
  const v = boardRoot(doc, 'writers').get(String(clientId));
  return typeof v === 'string' ? v : null;
}
