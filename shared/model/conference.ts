import * as Y from 'yjs';
import { cardsMap } from './doc.js';
import { randomId } from './ids.js';
import { isScore } from './scores.js';
import type { Author } from './types.js';
import { cleanAuthor, ValidationError } from './validation.js';
import { isOutcome, type Outcome } from './chair.js';

/**
 * The rest of the conference in the board document (everyone let in may write it):
 *
 *   network        Y.Map id -> Y.Map  the family's network: name, relationship, inSafetyNetwork, willDo
 *   dangerPairs    Y.Map id -> Y.Map  danger statement + safety goal (at most four), createdAt, removed
 *   scores         Y.Map `${pairId}|${participantId}` -> plain object Score (open scoring, or revealed)
 *   actions        Y.Map id -> Y.Map  SMART plan actions
 *   contingency    Y.Text             the contingency plan
 *   recommendations Y.Map participantId -> plain object Recommendation
 *   nextSteps      Y.Map              coreGroup (string[]), firstCoreGroup, visitEveryWorkingDays, review
 * Card fields gain `children` (number[]: which children, by their index in the details).
 */

export const MAX_DANGER_PAIRS = 4;

const text = (field: string, what: string, value: unknown, max: number, required = true): string => {
  const v = typeof value === 'string' ? value.trim() : '';
  if (required && v.length === 0) throw new ValidationError(field, `Please write ${what}.`);
  if (v.length > max) throw new ValidationError(field, `${what[0]?.toUpperCase()}${what.slice(1)} can be at most ${max} characters.`);
  return v;
};

const isDate = (v: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(v);

function mapOf(doc: Y.Doc, name: string): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(name);
}

function fields(map: Y.Map<unknown>): Record<string, unknown> {
  return map.toJSON() as Record<string, unknown>;
}

// ---- children on cards ----

export function setCardChildren(doc: Y.Doc, cardId: string, children: number[]): void {
  const card = cardsMap(doc).get(cardId);
  if (!(card instanceof Y.Map)) throw new ValidationError('card', 'That item is no longer on the board.');
  const clean = [...new Set(children.filter((c) => Number.isInteger(c) && c >= 0 && c < 12))].sort((a, b) => a - b);
  card.set('children', clean);
}

export function cardChildren(doc: Y.Doc, cardId: string): number[] {
  const v = cardsMap(doc).get(cardId)?.get('children');
  return Array.isArray(v) ? v.filter((c): c is number => typeof c === 'number') : [];
}

// ---- the family's network ----

export interface NetworkPerson {
  id: string;
  name: string;
  relationship: string;
  inSafetyNetwork: boolean;
  willDo: string;
  addedBy: string;
}

export function addNetworkPerson(
  doc: Y.Doc,
  input: { name: string; relationship: string; inSafetyNetwork: boolean; willDo?: string },
  by: Author,
): string {
  const name = text('name', 'a name', input.name, 80);
  const relationship = text('relationship', 'how they are connected to the family', input.relationship, 80);
  const willDo = text('willDo', 'what they will do', input.willDo ?? '', 500, false);
  const author = cleanAuthor(by);
  const id = randomId(9);
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    mapOf(doc, 'network').set(id, m);
    m.set('name', name);
    m.set('relationship', relationship);
    m.set('inSafetyNetwork', input.inSafetyNetwork === true);
    m.set('willDo', willDo);
    m.set('addedBy', author.name);
    m.set('createdAt', Date.now());
  });
  return id;
}

export function updateNetworkPerson(doc: Y.Doc, id: string, change: Partial<Pick<NetworkPerson, 'inSafetyNetwork' | 'willDo'>>): void {
  const m = mapOf(doc, 'network').get(id);
  if (!(m instanceof Y.Map)) throw new ValidationError('network', 'That person is no longer on the list.');
  doc.transact(() => {
    if (change.inSafetyNetwork !== undefined) m.set('inSafetyNetwork', change.inSafetyNetwork);
    if (change.willDo !== undefined) m.set('willDo', text('willDo', 'what they will do', change.willDo, 500, false));
  });
}

export function removeNetworkPerson(doc: Y.Doc, id: string): void {
  mapOf(doc, 'network').delete(id);
}

export function readNetwork(doc: Y.Doc): NetworkPerson[] {
  const out: Array<NetworkPerson & { createdAt: number }> = [];
  mapOf(doc, 'network').forEach((m, id) => {
    if (!(m instanceof Y.Map)) return;
    const f = fields(m);
    if (typeof f.name !== 'string') return;
    out.push({
      id,
      name: f.name,
      relationship: typeof f.relationship === 'string' ? f.relationship : '',
      inSafetyNetwork: f.inSafetyNetwork === true,
      willDo: typeof f.willDo === 'string' ? f.willDo : '',
      addedBy: typeof f.addedBy === 'string' ? f.addedBy : '',
      createdAt: typeof f.createdAt === 'number' ? f.createdAt : 0,
    });
  });
  return out.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)).map(({ createdAt: _c, ...p }) => p);
}

// ---- danger statements and safety goals ----

export interface DangerPair {
  id: string;
  danger: string;
  goal: string;
  createdAt: number;
}

export function readDangerPairs(doc: Y.Doc): DangerPair[] {
  const out: DangerPair[] = [];
  mapOf(doc, 'dangerPairs').forEach((m, id) => {
    if (!(m instanceof Y.Map)) return;
    const f = fields(m);
    if (f.removed === true || typeof f.danger !== 'string') return;
    out.push({
      id,
      danger: f.danger,
      goal: typeof f.goal === 'string' ? f.goal : '',
      createdAt: typeof f.createdAt === 'number' ? f.createdAt : 0,
    });
  });
  // Two people adding the fourth at the same moment can make five: the first four count.
  return out.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)).slice(0, MAX_DANGER_PAIRS);
}

export function addDangerPair(doc: Y.Doc, input: { danger: string; goal: string }, now: number = Date.now()): string {
  if (readDangerPairs(doc).length >= MAX_DANGER_PAIRS) {
    throw new ValidationError(
      'dangerPairs',
      `There can be at most ${MAX_DANGER_PAIRS} danger statements. Combine two, or take one away first.`,
    );
  }
  const danger = text('danger', 'the danger statement', input.danger, 2000);
  const goal = text('goal', 'the safety goal', input.goal, 2000);
  const id = randomId(9);
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    mapOf(doc, 'dangerPairs').set(id, m);
    m.set('danger', danger);
    m.set('goal', goal);
    m.set('createdAt', now);
    m.set('removed', false);
  });
  return id;
}

export function editDangerPair(doc: Y.Doc, id: string, input: { danger: string; goal: string }): void {
  const m = mapOf(doc, 'dangerPairs').get(id);
  if (!(m instanceof Y.Map)) throw new ValidationError('dangerPairs', 'That danger statement is no longer there.');
  const danger = text('danger', 'the danger statement', input.danger, 2000);
  const goal = text('goal', 'the safety goal', input.goal, 2000);
  doc.transact(() => {
    m.set('danger', danger);
    m.set('goal', goal);
  });
}

export function removeDangerPair(doc: Y.Doc, id: string): void {
  const m = mapOf(doc, 'dangerPairs').get(id);
  if (m instanceof Y.Map) m.set('removed', true);
}

// ---- scores ----

export interface Score {
  pairId: string;
  participantId: string;
  name: string;
  roleLabel: string;
  role: Author['role'];
  value: number;
  /** What would move the score up one point. */
  nextStep: string;
  at: number;
}

export function cleanScore(input: { pairId: string; value: number; nextStep: string }): {
  pairId: string;
  value: number;
  nextStep: string;
} {
  if (!isScore(input.value)) throw new ValidationError('value', 'A score is a whole number from 0 to 10.');
  return {
    pairId: input.pairId,
    value: input.value,
    nextStep: text('nextStep', 'what would move it up one point', input.nextStep, 1000, false),
  };
}

/** Open scoring: the score goes straight into the shared document. */
export function setOpenScore(
  doc: Y.Doc,
  input: { pairId: string; value: number; nextStep: string },
  by: Author,
  now: number = Date.now(),
): void {
  const clean = cleanScore(input);
  if (!readDangerPairs(doc).some((p) => p.id === clean.pairId))
    throw new ValidationError('pairId', 'That danger statement is no longer there.');
  writeScores(doc, [{ ...clean, participantId: by.id, name: by.name, roleLabel: by.roleLabel, role: by.role, at: now }]);
}

/** Writes scores (the server uses this when the chair reveals hidden scores). */
export function writeScores(doc: Y.Doc, scores: Score[]): void {
  doc.transact(() => {
    const map = doc.getMap<unknown>('scores');
    for (const s of scores) map.set(`${s.pairId}|${s.participantId}`, { ...s });
  });
}

export function readScores(doc: Y.Doc): Score[] {
  const out: Score[] = [];
  doc.getMap<unknown>('scores').forEach((v) => {
    const s = v as Partial<Score> | null;
    if (!s || typeof s.pairId !== 'string' || typeof s.participantId !== 'string' || !isScore(s.value)) return;
    out.push({
      pairId: s.pairId,
      participantId: s.participantId,
      name: typeof s.name === 'string' ? s.name : '',
      roleLabel: typeof s.roleLabel === 'string' ? s.roleLabel : '',
      role: s.role === 'chair' || s.role === 'family' ? s.role : 'professional',
      value: s.value,
      nextStep: typeof s.nextStep === 'string' ? s.nextStep : '',
      at: typeof s.at === 'number' ? s.at : 0,
    });
  });
  // Family first, then in the order given.
  return out.sort((a, b) => Number(b.role === 'family') - Number(a.role === 'family') || a.at - b.at);
}

// ---- the plan ----

export interface Action {
  id: string;
  what: string;
  who: string;
  byWhen: string;
  measure: string;
  pairId: string | null;
  children: number[];
  createdAt: number;
}

export type ActionInput = Omit<Action, 'id' | 'createdAt'>;

function cleanAction(input: ActionInput): ActionInput {
  const byWhen = typeof input.byWhen === 'string' ? input.byWhen.trim() : '';
  if (byWhen !== '' && !isDate(byWhen)) throw new ValidationError('byWhen', 'The date must be written as YYYY-MM-DD.');
  return {
    what: text('what', 'what will be done', input.what, 1000),
    who: text('who', 'who will do it', input.who, 200, false),
    byWhen,
    measure: text('measure', 'how everyone will know it worked', input.measure, 1000, false),
    pairId: typeof input.pairId === 'string' && input.pairId ? input.pairId : null,
    children: Array.isArray(input.children) ? [...new Set(input.children.filter((c) => Number.isInteger(c) && c >= 0))] : [],
  };
}

export function addAction(doc: Y.Doc, input: ActionInput, now: number = Date.now()): string {
  const clean = cleanAction(input);
  const id = randomId(9);
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    mapOf(doc, 'actions').set(id, m);
    for (const [k, v] of Object.entries(clean)) m.set(k, v);
    m.set('createdAt', now);
  });
  return id;
}

export function editAction(doc: Y.Doc, id: string, input: ActionInput): void {
  const m = mapOf(doc, 'actions').get(id);
  if (!(m instanceof Y.Map)) throw new ValidationError('actions', 'That action is no longer in the plan.');
  const clean = cleanAction(input);
  doc.transact(() => {
    for (const [k, v] of Object.entries(clean)) if (JSON.stringify(m.get(k)) !== JSON.stringify(v)) m.set(k, v);
  });
}

export function removeAction(doc: Y.Doc, id: string): void {
  const m = mapOf(doc, 'actions').get(id);
  if (m instanceof Y.Map) m.set('removed', true);
}

export function readActions(doc: Y.Doc): Action[] {
  const out: Action[] = [];
  mapOf(doc, 'actions').forEach((m, id) => {
    if (!(m instanceof Y.Map)) return;
    const f = fields(m);
    if (f.removed === true || typeof f.what !== 'string') return;
    out.push({
      id,
      what: f.what,
      who: typeof f.who === 'string' ? f.who : '',
      byWhen: typeof f.byWhen === 'string' ? f.byWhen : '',
      measure: typeof f.measure === 'string' ? f.measure : '',
      pairId: typeof f.pairId === 'string' ? f.pairId : null,
      children: Array.isArray(f.children) ? f.children.filter((c): c is number => typeof c === 'number') : [],
      createdAt: typeof f.createdAt === 'number' ? f.createdAt : 0,
    });
  });
  return out.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

// ---- contingency ----

export function contingencyText(doc: Y.Doc): Y.Text {
  return doc.getText('contingency');
}

export function readContingency(doc: Y.Doc): string {
  return contingencyText(doc).toString();
}

/** Replaces the text with `value` as the smallest edit, so that people typing at once both keep their words. */
export function setSharedText(ytext: Y.Text, value: string): void {
  const current = ytext.toString();
  if (current === value) return;
  let start = 0;
  while (start < current.length && start < value.length && current[start] === value[start]) start++;
  let endCurrent = current.length;
  let endValue = value.length;
  while (endCurrent > start && endValue > start && current[endCurrent - 1] === value[endValue - 1]) {
    endCurrent--;
    endValue--;
  }
  ytext.doc?.transact(() => {
    if (endCurrent > start) ytext.delete(start, endCurrent - start);
    if (endValue > start) ytext.insert(start, value.slice(start, endValue));
  });
}

/** Points out a contingency plan that says only "seek legal advice". */
export function contingencyWarning(value: string): string | null {
  const t = value
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, '');
  if (t === '') return null;
  const onlyLegal =
    /^(the local authority (will|would) |we will |social care will |to )?(seek|get|take) legal advice( (will be sought|from legal))?$/.test(
      t,
    ) ||
    (t.length < 60 && /legal advice/.test(t) && !/because|if|so that|which could|could lead|court/.test(t));
  return onlyLegal
    ? '"Seek legal advice" alone is not a contingency plan. Say what would happen, why, and what it could lead to, in words the family understands.'
    : null;
}

// ---- recommendations and dissent ----

export interface Recommendation {
  participantId: string;
  name: string;
  roleLabel: string;
  recommendation: Outcome;
  reason: string;
  dissent: string;
  at: number;
}

export function setRecommendation(
  doc: Y.Doc,
  by: Author,
  input: { recommendation: Outcome; reason: string; dissent?: string },
  now: number = Date.now(),
): void {
  if (!isOutcome(input.recommendation)) throw new ValidationError('recommendation', 'Choose a recommendation.');
  const reason = text('reason', 'the reason for your recommendation', input.reason, 2000);
  const dissent = text('dissent', 'the reasons for your dissent', input.dissent ?? '', 2000, false);
  const author = cleanAuthor(by);
  doc.getMap<unknown>('recommendations').set(author.id, {
    participantId: author.id,
    name: author.name,
    roleLabel: author.roleLabel,
    recommendation: input.recommendation,
    reason,
    dissent,
    at: now,
  });
}

export function readRecommendations(doc: Y.Doc): Recommendation[] {
  const out: Recommendation[] = [];
  doc.getMap<unknown>('recommendations').forEach((v) => {
    const r = v as Partial<Recommendation> | null;
    if (!r || typeof r.participantId !== 'string' || !isOutcome(r.recommendation)) return;
    out.push({
      participantId: r.participantId,
      name: typeof r.name === 'string' ? r.name : '',
      roleLabel: typeof r.roleLabel === 'string' ? r.roleLabel : '',
      recommendation: r.recommendation,
      reason: typeof r.reason === 'string' ? r.reason : '',
      dissent: typeof r.dissent === 'string' ? r.dissent : '',
      at: typeof r.at === 'number' ? r.at : 0,
    });
  });
  return out.sort((a, b) => a.at - b.at);
}

// ---- next steps ----

export interface NextSteps {
  coreGroup: string[];
  firstCoreGroup: string;
  visitEveryWorkingDays: number | null;
  review: string;
}

export function readNextSteps(doc: Y.Doc): NextSteps {
  const m = doc.getMap<unknown>('nextSteps');
  const core = m.get('coreGroup');
  const visits = m.get('visitEveryWorkingDays');
  return {
    coreGroup: Array.isArray(core) ? core.filter((c): c is string => typeof c === 'string') : [],
    firstCoreGroup: typeof m.get('firstCoreGroup') === 'string' ? (m.get('firstCoreGroup') as string) : '',
    visitEveryWorkingDays: typeof visits === 'number' ? visits : null,
    review: typeof m.get('review') === 'string' ? (m.get('review') as string) : '',
  };
}

export function updateNextSteps(doc: Y.Doc, change: Partial<NextSteps>): void {
  doc.transact(() => {
    const m = doc.getMap<unknown>('nextSteps');
    if (change.coreGroup !== undefined)
      m.set('coreGroup', [...new Set(change.coreGroup.map((c) => c.trim()).filter((c) => c.length > 0 && c.length <= 120))]);
    for (const key of ['firstCoreGroup', 'review'] as const) {
      const v = change[key];
      if (v === undefined) continue;
      if (v !== '' && !isDate(v)) throw new ValidationError(key, 'The date must be written as YYYY-MM-DD.');
      m.set(key, v);
    }
    if (change.visitEveryWorkingDays !== undefined) {
      const v = change.visitEveryWorkingDays;
      if (v !== null && (!Number.isInteger(v) || v < 1 || v > 60))
        throw new ValidationError('visitEveryWorkingDays', 'Visits are every 1 to 60 working days.');
      m.set('visitEveryWorkingDays', v);
    }
  });
}

/** Every text people wrote in the board document, with the context the wording check needs. */
export function writtenTexts(doc: Y.Doc): Array<{ text: string; context: 'general' | 'danger' }> {
  const out: Array<{ text: string; context: 'general' | 'danger' }> = [];
  cardsMap(doc).forEach((m) => {
    if (!(m instanceof Y.Map) || m.get('removed') === true) return;
    const t = m.get('text');
    if (typeof t === 'string') out.push({ text: t, context: m.get('column') === 'danger' ? 'danger' : 'general' });
  });
  for (const p of readDangerPairs(doc)) out.push({ text: p.danger, context: 'danger' }, { text: p.goal, context: 'general' });
  for (const a of readActions(doc)) out.push({ text: a.what, context: 'general' }, { text: a.measure, context: 'general' });
  for (const r of readRecommendations(doc)) out.push({ text: r.reason, context: 'general' }, { text: r.dissent, context: 'general' });
  out.push({ text: readContingency(doc), context: 'general' });
  return out;
}
