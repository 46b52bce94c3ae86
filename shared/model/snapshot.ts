import * as Y from 'yjs';
import { readBoard } from './cards.js';
import { readChairState, type ChairState } from './chair.js';
import { COLUMN_IDS, type ColumnId } from './columns.js';
import { readContingency, readContingencyChange } from './contingency.js';
import { readDangerPairs, type DangerPair } from './dangerStatements.js';
import { readConferenceDetails, type ConferenceDetails } from './details.js';
import { readNetwork, type NetworkPerson } from './network.js';
import { readNextSteps, type NextSteps } from './nextSteps.js';
import { readApologies, readAttendance, type Attendee } from './people.js';
import { readActions, type Action } from './plan.js';
import { readRecommendations, type Recommendation } from './recommendations.js';
import { readSafetyPlan, type SafetyPlanEntry } from './safetyPlan.js';
import { readScores, type Score } from './scores.js';
import type { Card } from './types.js';

export type { Attendee } from './people.js';

export type RecordCard = Card & { confirmed: boolean; disputed: boolean; changedByChairAfterAgreement: boolean };

/** Everything the record holds, read out of the two documents: what the summary PDF is made from. */
export interface ConferenceSnapshot {
  details: ConferenceDetails | null;
  attendees: Attendee[];
  apologies: string[];
  board: Record<ColumnId, RecordCard[]>;
  pairs: DangerPair[];
  scores: Score[];
  actions: Action[];
  /** A young person's own safety plan (in their conference). */
  safetyPlan: SafetyPlanEntry[];
  network: NetworkPerson[];
  contingency: string;
  recommendations: Recommendation[];
  nextSteps: NextSteps;
  chair: ChairState;
  /** Records the chair changed after they were confirmed or agreed (ids), for the record to say so. */
  changedAfterAgreement: string[];
}

/**
 * True when a record was changed after the chair confirmed or agreed it: only the chair can change
 * it then (the server refuses anyone else), and the record says so.
 */
export function changedAfter(agreedAt: number | undefined, changedAt: number): boolean {
  return agreedAt !== undefined && changedAt > agreedAt;
}

export function conferenceSnapshot(doc: Y.Doc, chairDoc: Y.Doc): ConferenceSnapshot {
  const chair = readChairState(chairDoc);
  const timeOf = (key: string): number | undefined => chair.settledAt[key];
  const attendees = readAttendance(doc);
  const live = readBoard(doc);
  const changedAfterAgreement: string[] = [];
  const board = Object.fromEntries(
    COLUMN_IDS.map((c) => [
      c,
      live[c].map((card) => {
        const after = changedAfter(timeOf(card.id), card.changedAt);
        if (after) changedAfterAgreement.push(card.id);
        return { ...card, confirmed: chair.confirmed.has(card.id), disputed: chair.disputed.has(card.id), changedByChairAfterAgreement: after };
      }),
    ]),
  ) as ConferenceSnapshot['board'];
  const pairs = readDangerPairs(doc);
  const actions = readActions(doc);
  const network = readNetwork(doc);
  for (const [root, records] of [
    ['dangerPairs', pairs],
    ['actions', actions],
    ['network', network],
  ] as const) {
    for (const r of records) if (changedAfter(timeOf(`${root}/${r.id}`), r.changedAt)) changedAfterAgreement.push(r.id);
  }
  const contingencyChange = readContingencyChange(doc);
  if (contingencyChange && changedAfter(timeOf('contingency'), contingencyChange.changedAt))
    changedAfterAgreement.push('contingency');
  return {
    details: readConferenceDetails(doc),
    attendees,
    apologies: readApologies(doc),
    board,
    pairs,
    scores: readScores(doc),
    actions,
    safetyPlan: readSafetyPlan(doc),
    network,
    contingency: readContingency(doc),
    recommendations: readRecommendations(doc),
    nextSteps: readNextSteps(doc),
    chair,
    changedAfterAgreement,
  };
}

/**
 * The record a stored version holds, from its two documents' Yjs states (as the server keeps each
 * published version): what the PDF, the JSON and the CSV of that version are made from.
 */
export function snapshotOfStates(board: Uint8Array, chair: Uint8Array): ConferenceSnapshot {
  const doc = new Y.Doc();
  const chairDoc = new Y.Doc();
  Y.applyUpdate(doc, board);
  Y.applyUpdate(chairDoc, chair);
  const snapshot = conferenceSnapshot(doc, chairDoc);
  doc.destroy();
  chairDoc.destroy();
  return snapshot;
}
