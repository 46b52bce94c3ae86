import * as Y from 'yjs';
import { randomId } from './ids.js';
import { recordParticipant } from './people.js';
import { createRecord, type HistoryPoint, type Origin } from './records.js';
import { boardRoot } from './schema.js';
import { scoreStats } from './scores.js';
import type { ConferenceSnapshot } from './snapshot.js';
import { latestReview } from './timescales.js';
import type { Author } from './types.js';
import type { ConferenceDetails } from './details.js';

/**
 * Review conferences: the first within 3 months of the initial conference, then at most every 6
 * months (Oxfordshire's leaflet for parents; South Gloucestershire's practice standards). A review
 * carries forward what the last conference agreed, so that it looks again at the original risks,
 * at what has worked in the plan and at how the scores have moved. The server makes the review's
 * document from the previous conference's final record (never a client seeding content).
 */

/** Where a conference sits in its chain: the date of the first, and which review it is (0: the first). */
export interface ChainPlace {
  chainStart: string;
  reviewNumber: number;
}

export function readChainPlace(doc: Y.Doc): ChainPlace | null {
  const d = boardRoot(doc, 'details');
  const date = d.get('date');
  const start = d.get('chainStart');
  const n = d.get('reviewNumber');
  if (typeof date !== 'string') return null;
  return { chainStart: typeof start === 'string' ? start : date, reviewNumber: typeof n === 'number' ? n : 0 };
}

/** Written by the server with the details of a review conference. */
export function writeChainPlace(doc: Y.Doc, place: ChainPlace): void {
  doc.transact(() => {
    const d = boardRoot(doc, 'details');
    d.set('chainStart', place.chainStart);
    d.set('reviewNumber', place.reviewNumber);
  });
}

/** The review's details: the same family and children, dated by the timescale (working-day adjusted). */
export function reviewDetails(previous: ConferenceDetails, place: ChainPlace): { details: ConferenceDetails; place: ChainPlace } {
  return {
    details: { ...previous, kind: 'review', date: latestReview(previous.date, previous.kind) },
    place: { chainStart: place.chainStart, reviewNumber: place.reviewNumber + 1 },
  };
}

/** Drift a chair should see (South Gloucestershire): a plan past its 2nd review, or heading past 2 years. */
export function driftWarnings(place: ChainPlace | null, date: string): Array<'past-second-review' | 'past-two-years'> {
  if (!place) return [];
  const out: Array<'past-second-review' | 'past-two-years'> = [];
  if (place.reviewNumber > 2) out.push('past-second-review');
  const [y, m, d] = place.chainStart.split('-').map(Number);
  if (y !== undefined && m !== undefined && d !== undefined) {
    const twoYears = `${String(y + 2).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    if (date >= twoYears) out.push('past-two-years');
  }
  return out;
}

/**
 * Carries the previous conference's danger statements (with their scores as history), plan (the
 * actions still open, each with its progress unset), safety network, contingency plan and core group into a new review's
 * document, as the review's chair, each marked with where it came from. Server only.
 */
export function carryForward(doc: Y.Doc, previous: ConferenceSnapshot, previousId: string, chair: Author, now: number = Date.now()): void {
  const d = previous.details;
  if (!d) throw new Error('the previous conference has no details');
  const origin: Origin = { conferenceId: previousId, kind: d.kind, date: d.date };
  doc.transact(() => {
    recordParticipant(doc, chair, now);
    const pairIds = new Map<string, string>();
    // Each kind keeps its order: records sort by when they were added.
    let tick = 0;
    for (const pair of previous.pairs) {
      const stats = scoreStats(previous.scores.filter((s) => s.pairId === pair.id).map((s) => s.value));
      const point: HistoryPoint = { ...origin, count: stats.count, median: stats.median, min: stats.min, max: stats.max };
      const id = randomId(9);
      pairIds.set(pair.id, id);
      createRecord(boardRoot(doc, 'dangerPairs'), id, { danger: pair.danger, goal: pair.goal, origin, history: [...pair.history, point].slice(-20) }, chair, now + tick++);
    }
    // What was done, or is no longer needed, stays in the record it was agreed in; the rest goes on.
    for (const action of previous.actions.filter((a) => a.progress !== 'done' && a.progress !== 'no-longer-needed')) {
      createRecord(
        boardRoot(doc, 'actions'),
        randomId(9),
        {
          what: action.what,
          who: action.who,
          byWhen: action.byWhen,
          measure: action.measure,
          pairId: action.pairId ? (pairIds.get(action.pairId) ?? null) : null,
          children: action.children,
          origin,
          progress: null,
          progressNote: '',
        },
        chair,
        now + tick++,
      );
    }
    for (const person of previous.network) {
      const text = new Y.Text();
      createRecord(
        boardRoot(doc, 'network'),
        randomId(9),
        { name: person.name, relationship: person.relationship, inSafetyNetwork: person.inSafetyNetwork, willDo: text, origin },
        chair,
        now + tick++,
      );
      if (person.willDo) text.insert(0, person.willDo);
    }
    if (previous.contingency.trim()) {
      boardRoot(doc, 'contingency').insert(0, previous.contingency);
      const info = boardRoot(doc, 'contingencyInfo');
      info.set('changedBy', chair.id);
      info.set('changedAt', now);
      info.set('origin', origin);
    }
    if (previous.nextSteps.coreGroup.length > 0) boardRoot(doc, 'nextSteps').set('coreGroup', previous.nextSteps.coreGroup);
  });
}
