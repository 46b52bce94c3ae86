import type * as Y from 'yjs';
import { readBoard } from './cards.js';
import { readChairState, type ChairState } from './chair.js';
import { COLUMN_IDS, type ColumnId } from './columns.js';
import {
  readActions,
  readContingency,
  readDangerPairs,
  readNetwork,
  readNextSteps,
  readRecommendations,
  readScores,
  type Action,
  type DangerPair,
  type NetworkPerson,
  type NextSteps,
  type Recommendation,
  type Score,
} from './conference.js';
import { readConferenceDetails, type ConferenceDetails } from './details.js';
import type { AccessRole, Card } from './types.js';

export interface Attendee {
  id: string;
  name: string;
  roleLabel: string;
  role: AccessRole;
}

/** Everything the record holds, read out of the two documents: what the summary PDF is made from. */
export interface ConferenceSnapshot {
  details: ConferenceDetails | null;
  attendees: Attendee[];
  apologies: string[];
  board: Record<ColumnId, Array<Card & { confirmed: boolean; disputed: boolean }>>;
  pairs: DangerPair[];
  scores: Score[];
  actions: Action[];
  network: NetworkPerson[];
  contingency: string;
  recommendations: Recommendation[];
  nextSteps: NextSteps;
  chair: ChairState;
}

/** Each person records that they attended (their own key), so the record lists who was there. */
export function recordAttendance(doc: Y.Doc, who: Attendee): void {
  const map = doc.getMap<unknown>('attendance');
  const current = map.get(who.id) as Partial<Attendee> | undefined;
  if (current && current.name === who.name && current.roleLabel === who.roleLabel) return;
  map.set(who.id, { id: who.id, name: who.name, roleLabel: who.roleLabel, role: who.role });
}

export function readAttendance(doc: Y.Doc): Attendee[] {
  const out: Attendee[] = [];
  doc.getMap<unknown>('attendance').forEach((v) => {
    const a = v as Partial<Attendee> | null;
    if (!a || typeof a.id !== 'string' || typeof a.name !== 'string') return;
    out.push({
      id: a.id,
      name: a.name,
      roleLabel: typeof a.roleLabel === 'string' ? a.roleLabel : '',
      role: a.role === 'chair' || a.role === 'family' ? a.role : 'professional',
    });
  });
  const order = { chair: 0, family: 1, professional: 2 } as const;
  return out.sort((a, b) => order[a.role] - order[b.role] || a.name.localeCompare(b.name));
}

export function setApologies(doc: Y.Doc, names: string[]): void {
  doc
    .getMap<unknown>('record')
    .set('apologies', [...new Set(names.map((n) => n.trim()).filter((n) => n.length > 0 && n.length <= 120))].slice(0, 40));
}

export function readApologies(doc: Y.Doc): string[] {
  const v = doc.getMap<unknown>('record').get('apologies');
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function conferenceSnapshot(doc: Y.Doc, chairDoc: Y.Doc): ConferenceSnapshot {
  const chair = readChairState(chairDoc);
  const live = readBoard(doc);
  const board = Object.fromEntries(
    COLUMN_IDS.map((c) => [
      c,
      live[c].map((card) => ({ ...card, confirmed: chair.confirmed.has(card.id), disputed: chair.disputed.has(card.id) })),
    ]),
  ) as ConferenceSnapshot['board'];
  return {
    details: readConferenceDetails(doc),
    attendees: readAttendance(doc),
    apologies: readApologies(doc),
    board,
    pairs: readDangerPairs(doc),
    scores: readScores(doc),
    actions: readActions(doc),
    network: readNetwork(doc),
    contingency: readContingency(doc),
    recommendations: readRecommendations(doc),
    nextSteps: readNextSteps(doc),
    chair,
  };
}
