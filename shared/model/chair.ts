import * as Y from 'yjs';
import type { ConferenceKind } from './details.js';
import { EXTRA_FAMILIAL_HARM, isOutcome, type Outcome } from './outcomes.js';
import { chairRoot } from './schema.js';
import { isStageId, type StageId } from './stages.js';
import { cleanNameList, LIMITS, ValidationError } from './validation.js';
import { readVersionChanges, type VersionChange } from './versions.js';

/**
 * The chair's document: state only the chair may change. It is a second Y.Doc per conference, in
 * the relay room `<conferenceId>/chair`, which the relay opens read-only for everyone but the chair.
 *
 *   chair: Y.Map
 *     lockedAt       number | absent   when the meeting ended (written by the server)
 *     stage          StageId           where the chair is
 *     timerStartedAt number | null     the stage timer
 *     timerHidden    boolean
 *     confirmed      Y.Map cardId -> time: items the chair confirmed as accurate
 *     disputed       Y.Map cardId -> time: items moved to Grey areas as disputed
 *     settings       Y.Map (see ChairSettings)
 *     everyoneMayScore boolean         with "family first", the moment the others may score
 *     agreed         Y.Map key -> time: danger statements, actions, people in the network and the
 *                                      contingency plan the chair marked as agreed (see schema.ts)
 *     revealed       Y.Map pairId -> time: hidden scores the chair revealed (written by the server)
 *     decision       Y.Map (see Decision)
 *     sealedHash, sealedAt, scoresLeftOut   written by the server when the meeting ends
 *     version, versionChanges               written by the server when the chair publishes a new
 *                                      version of the record (2, 3 …) after amendments
 *     amending       boolean           the chair is changing the ended record (written by the server)
 */
const chairMap = chairRoot;

function subMap(doc: Y.Doc, key: string): Y.Map<unknown> {
  const map = chairMap(doc);
  let sub = map.get(key);
  if (!(sub instanceof Y.Map)) {
    sub = new Y.Map<unknown>();
    map.set(key, sub);
  }
  return sub as Y.Map<unknown>;
}

export const DEFAULT_SCALE_WORDING =
  '10 means everyone knows the children are safe enough for the child protection plan to end; 0 means things are so bad the children cannot live at home.';


export interface ChairSettings {
  scaleWording: string;
  scoring: 'open' | 'hidden';
  familyFirst: boolean;
  /** In the summary: leave items the chair did not confirm out, or include them marked. */
  proposedInRecord: 'omit' | 'mark';
  /** Local sub-categories offered with the four categories, e.g. "Neglect: extra-familial harm". */
  localCategories: string[];
}

export interface Decision {
  outcome: Outcome | null;
  categories: string[];
  rationale: string;
  decidedAt: number | null;
}

export interface ChairState {
  /** When the meeting ended and the board became read-only; null while it runs. */
  lockedAt: number | null;
  stage: StageId;
  timerStartedAt: number | null;
  timerHidden: boolean;
  confirmed: ReadonlySet<string>;
  disputed: ReadonlySet<string>;
  /** Keys of what the chair marked agreed (see `agreedKey` in schema.ts). */
  agreed: ReadonlySet<string>;
  /** When each item was confirmed (by card id) and each record agreed (by its agreed key). */
  settledAt: Readonly<Record<string, number>>;
  settings: ChairSettings;
  everyoneMayScore: boolean;
  revealed: ReadonlySet<string>;
  decision: Decision;
  /** The SHA-256 of the final record, computed by the server when the meeting ended. */
  sealedHash: string | null;
  sealedAt: number | null;
  /** Hidden scores the chair chose, when ending the meeting, to leave out of the record. */
  scoresLeftOut: number;
  /** The meeting has not started: the conference is being prepared (nothing confirmed, nobody scores). */
  preparing: boolean;
  /** Which version of the record this is: 1 when the meeting ended, 2 … after published amendments. */
  version: number;
  /** What changed in this version since the one before, and why (empty for version 1). */
  versionChanges: VersionChange[];
  /** After the meeting: the chair accepted a request for a change and may change the record until the next version is published. */
  amending: boolean;
}

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);

export function readChairState(doc: Y.Doc): ChairState {
  const map = chairMap(doc);
  const lockedAt = map.get('lockedAt');
  const stage = map.get('stage');
  const timer = map.get('timerStartedAt');
  const times = (key: string): Record<string, number> => {
    const m = map.get(key);
    const out: Record<string, number> = {};
    if (m instanceof Y.Map) m.forEach((v, k) => (out[k] = typeof v === 'number' ? v : 0));
    return out;
  };
  const keys = (key: string): Set<string> => {
    const m = map.get(key);
    return m instanceof Y.Map ? new Set(m.keys()) : new Set();
  };
  const settings = map.get('settings');
  const s = settings instanceof Y.Map ? settings : null;
  const categories = s?.get('localCategories');
  const decision = map.get('decision');
  const d = decision instanceof Y.Map ? decision : null;
  const decisionCategories = d?.get('categories');
  const outcome = d?.get('outcome');
  const decidedAt = d?.get('decidedAt');
  return {
    lockedAt: typeof lockedAt === 'number' ? lockedAt : null,
    stage: isStageId(stage) ? stage : 'introductions',
    timerStartedAt: typeof timer === 'number' ? timer : null,
    timerHidden: map.get('timerHidden') === true,
    confirmed: keys('confirmed'),
    disputed: keys('disputed'),
    agreed: keys('agreed'),
    settledAt: { ...times('confirmed'), ...times('agreed') },
    settings: {
      scaleWording: str(s?.get('scaleWording')) || DEFAULT_SCALE_WORDING,
      scoring: s?.get('scoring') === 'hidden' ? 'hidden' : 'open',
      familyFirst: s?.get('familyFirst') === true,
      proposedInRecord: s?.get('proposedInRecord') === 'mark' ? 'mark' : 'omit',
      localCategories: Array.isArray(categories) ? categories.filter((c): c is string => typeof c === 'string') : [],
    },
    everyoneMayScore: map.get('everyoneMayScore') === true,
    revealed: keys('revealed'),
    decision: {
      outcome: isOutcome(outcome) ? outcome : null,
      categories: Array.isArray(decisionCategories) ? decisionCategories.filter((c): c is string => typeof c === 'string') : [],
      rationale: str(d?.get('rationale')),
      decidedAt: typeof decidedAt === 'number' ? decidedAt : null,
    },
    sealedHash: typeof map.get('sealedHash') === 'string' ? (map.get('sealedHash') as string) : null,
    sealedAt: typeof map.get('sealedAt') === 'number' ? (map.get('sealedAt') as number) : null,
    scoresLeftOut: typeof map.get('scoresLeftOut') === 'number' ? (map.get('scoresLeftOut') as number) : 0,
    preparing: map.get('preparing') === true,
    version: typeof map.get('version') === 'number' ? (map.get('version') as number) : 1,
    versionChanges: readVersionChanges(map.get('versionChanges')),
    amending: map.get('amending') === true,
  };
}

/**
 * Written once by the server when the conference is created: the nested maps exist from the start,
 * so two windows of the chair never each create one (and lose the other's entries).
 */
export function initChairDoc(doc: Y.Doc, kind: ConferenceKind | null = null): void {
  doc.transact(() => {
    const map = chairMap(doc);
    map.set('stage', 'introductions');
    for (const key of NESTED_MAPS) map.set(key, new Y.Map<unknown>());
    // A young person's conference offers its own local sub-category from the start.
    if (kind === 'young-person') (map.get('settings') as Y.Map<unknown>).set('localCategories', [EXTRA_FAMILIAL_HARM]);
  });
}

const NESTED_MAPS = ['confirmed', 'disputed', 'agreed', 'settings', 'revealed', 'decision'] as const;

/** For chair documents made before a nested map existed: the server adds what is missing (see migrations.ts). */
export function missingChairMaps(doc: Y.Doc): string[] {
  const map = chairMap(doc);
  return NESTED_MAPS.filter((key) => !(map.get(key) instanceof Y.Map));
}

/** The chair marks a danger statement, an action, a person in the network or the contingency plan as agreed. */
export function setAgreed(doc: Y.Doc, key: string, agreed: boolean, now: number = Date.now()): void {
  const map = subMap(doc, 'agreed');
  if (agreed) map.set(key, now);
  else map.delete(key);
}

/** Written by the server: the conference is being prepared, or (false) the chair has opened the meeting. */
export function markPreparing(doc: Y.Doc, preparing: boolean): void {
  chairMap(doc).set('preparing', preparing);
}

/** Written by the server when the meeting ends, once the record is final. */
export function markSealed(doc: Y.Doc, hash: string, at: number): void {
  doc.transact(() => {
    const map = chairMap(doc);
    map.set('sealedHash', hash);
    map.set('sealedAt', at);
  });
}

/** Written by the server: the chair accepted a request for a change (true), or published the new version (false). */
export function markAmending(doc: Y.Doc, amending: boolean): void {
  chairMap(doc).set('amending', amending);
}

/** Written by the server when the chair publishes a new version: its number and what changed (sealed next). */
export function markVersion(doc: Y.Doc, version: number, changes: readonly VersionChange[]): void {
  doc.transact(() => {
    const map = chairMap(doc);
    map.set('version', version);
    map.set('versionChanges', changes.map((c) => ({ ...c, requests: c.requests.map((r) => ({ ...r })) })));
    map.set('amending', false);
  });
}

/** Only the server writes this, when the chair ends the meeting (with how many hidden scores the chair left out). */
export function markLocked(doc: Y.Doc, at: number, scoresLeftOut = 0): void {
  doc.transact(() => {
    chairMap(doc).set('lockedAt', at);
    if (scoresLeftOut > 0) chairMap(doc).set('scoresLeftOut', scoresLeftOut);
  });
}

export function setStage(doc: Y.Doc, stage: StageId, now: number = Date.now()): void {
  if (!isStageId(stage)) throw new ValidationError('stage', 'not-a-stage');
  doc.transact(() => {
    const map = chairMap(doc);
    if (map.get('stage') === stage) return;
    map.set('stage', stage);
    // The timer starts again with each stage, if it was running.
    if (typeof map.get('timerStartedAt') === 'number') map.set('timerStartedAt', now);
  });
}

export function startTimer(doc: Y.Doc, now: number = Date.now()): void {
  chairMap(doc).set('timerStartedAt', now);
}

export function stopTimer(doc: Y.Doc): void {
  chairMap(doc).set('timerStartedAt', null);
}

export function setTimerHidden(doc: Y.Doc, hidden: boolean): void {
  chairMap(doc).set('timerHidden', hidden);
}

/** The chair confirms an item is accurate: it goes on the record. */
export function setConfirmed(doc: Y.Doc, cardId: string, confirmed: boolean, now: number = Date.now()): void {
  doc.transact(() => {
    const map = subMap(doc, 'confirmed');
    if (confirmed) {
      map.set(cardId, now);
      subMap(doc, 'disputed').delete(cardId);
    } else map.delete(cardId);
  });
}

/** Marks an item as disputed (the board function `moveCard` puts it under Grey areas). */
export function setDisputed(doc: Y.Doc, cardId: string, disputed: boolean, now: number = Date.now()): void {
  doc.transact(() => {
    const map = subMap(doc, 'disputed');
    if (disputed) {
      map.set(cardId, now);
      subMap(doc, 'confirmed').delete(cardId);
    } else map.delete(cardId);
  });
}

export function updateSettings(doc: Y.Doc, change: Partial<ChairSettings>): void {
  doc.transact(() => {
    const map = subMap(doc, 'settings');
    if (change.scaleWording !== undefined) {
      const wording = change.scaleWording.trim();
      if (wording.length < 10 || wording.length > 400)
        throw new ValidationError('scaleWording', 'scale-wording-length', { min: 10, max: 400 });
      map.set('scaleWording', wording);
    }
    if (change.scoring !== undefined) map.set('scoring', change.scoring === 'hidden' ? 'hidden' : 'open');
    if (change.familyFirst !== undefined) map.set('familyFirst', change.familyFirst);
    if (change.proposedInRecord !== undefined) map.set('proposedInRecord', change.proposedInRecord === 'mark' ? 'mark' : 'omit');
    if (change.localCategories !== undefined) {
      map.set('localCategories', cleanNameList(change.localCategories, LIMITS.localCategory, LIMITS.localCategories));
    }
  });
}

export function setEveryoneMayScore(doc: Y.Doc, value: boolean): void {
  chairMap(doc).set('everyoneMayScore', value);
}

/** The server writes this when the chair reveals the hidden scores of a danger statement. */
export function markRevealed(doc: Y.Doc, pairId: string, at: number): void {
  subMap(doc, 'revealed').set(pairId, at);
}

export function recordDecision(
  doc: Y.Doc,
  decision: { outcome: Outcome; categories: string[]; rationale: string },
  now: number = Date.now(),
): void {
  if (!isOutcome(decision.outcome)) throw new ValidationError('outcome', 'choose-outcome');
  const rationale = decision.rationale.trim();
  if (rationale.length === 0)
    throw new ValidationError('rationale', 'rationale-required');
  if (rationale.length > LIMITS.rationale)
    throw new ValidationError('rationale', 'too-long', { what: 'the reasons for the decision', max: LIMITS.rationale });
  if (decision.outcome === 'cp' && decision.categories.length === 0) {
    throw new ValidationError('categories', 'category-required');
  }
  doc.transact(() => {
    const map = subMap(doc, 'decision');
    map.set('outcome', decision.outcome);
    map.set('categories', decision.outcome === 'cp' ? cleanNameList(decision.categories, LIMITS.localCategory, 20) : []);
    map.set('rationale', rationale);
    map.set('decidedAt', now);
  });
}

export { OUTCOMES, CP_CATEGORIES, isOutcome, type Outcome } from './outcomes.js';
