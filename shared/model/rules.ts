import * as Y from 'yjs';
import type { ChairState } from './chair.js';
import { readDangerPairs, MAX_DANGER_PAIRS } from './dangerStatements.js';
import type { Participant } from './people.js';
import { readString } from './records.js';
import {
  agreedKey,
  CONTINGENCY_AGREED_KEY,
  ENTERED_PREFIX,
  SERVER_RECORD_FIELDS,
  type AgreeableRoot,
  type EntriesRoot,
  type FieldsRoot,
  type RecordsRoot,
  type TextRoot,
} from './schema.js';
import type { AccessRole } from './types.js';
import { lastValue, refuse, type RecordWrites, type RootWrites, type ValueWrites } from './writes.js';

/**
 * Who may write what. One set of rules for the server, which refuses any update that breaks them,
 * and for the screens, which offer a person only what they may do (the `may…` predicates below).
 *
 * | what | who may add | who may change or remove |
 * | --- | --- | --- |
 * | board item | anyone let in, as themselves | its author while it is not confirmed; the chair always; the author of a confirmed item may propose a change, which the chair accepts or declines |
 * | danger statement and safety goal, plan action, person in the network | anyone let in, as themselves | its author until the chair marks it agreed; the chair always |
 * | contingency plan | anyone let in, as themselves | anyone until the chair marks it agreed; then the chair |
 * | a score and what would move it up | that person, in open scoring, family first when the chair says so; the chair for someone without a device (marked as entered by the chair) | that person, until the chair reveals the scores or ends the meeting |
 * | a recommendation and dissent | that professional; the chair for a professional without a device | that person, until the meeting ends |
 * | a view beside an item, a danger statement or an action | anyone let in, as themselves | its author; the chair |
 * | an entry of a young person's safety plan | anyone let in, as themselves | its author; the chair |
 * | details, meta, who came, which client is whose | the server | the server |
 * | apologies, next steps, and the chair's document (stage, timer, confirmations, agreement, settings, decision) | the chair | the chair |
 * | the lock, revealed scores, the seal | the server | the server |
 *
 * While the conference is being prepared ("no surprises"), nothing is confirmed, agreed or decided
 * and nobody scores or recommends; the lead social worker may change every draft (items, danger
 * statements, actions, the network) as the chair may. After the meeting ends nobody writes anything
 * (the relay drops every write), but for the chair's, while the chair amends the record after
 * accepting someone's request for a change (the relay lets the chair write then, under these rules). Records are never deleted outright: removal is a `removed` flag,
 * so the record keeps what was said.
 */
export interface Who {
  id: string;
  role: AccessRole;
  /** The lead social worker (from the server's directory of participants). */
  lead?: boolean;
}

export interface RuleContext {
  sender: Who;
  now: number;
  chair: ChairState;
  /** The document the update is for, as it is before the update. */
  doc: Y.Doc;
  /** The server's directory of participants (from the board document). */
  participants: ReadonlyMap<string, Participant>;
}

/** How far a client's clock may be from the server's when it stamps a change (tablets drift; offline edits wait). */
export const CLOCK_TOLERANCE_MS = 24 * 60 * 60 * 1000;

// ---- the predicates the screens use ----

export const isChair = (who: Pick<Who, 'role'>): boolean => who.role === 'chair';

/** The chair, or the lead social worker while the conference is being prepared: they may change every draft. */
export const mayChangeDrafts = (who: Who, chair: ChairState): boolean => isChair(who) || (chair.preparing && who.lead === true);

/** Edit, move, tag or remove an item on the board. */
export function mayChangeItem(item: { id: string; author: { id: string } }, who: Who, chair: ChairState): boolean {
  return mayChangeDrafts(who, chair) || (item.author.id === who.id && !chair.confirmed.has(item.id));
}

/** Ask the chair to change an item that is already confirmed. */
export function mayProposeChange(item: { id: string; author: { id: string } }, who: Who, chair: ChairState): boolean {
  return !isChair(who) && item.author.id === who.id && chair.confirmed.has(item.id);
}

/** Change or remove a danger statement, an action or a person in the network. */
export function mayChangeRecord(root: AgreeableRoot, record: { id: string; addedBy: { id: string } }, who: Who, chair: ChairState): boolean {
  return mayChangeDrafts(who, chair) || (record.addedBy.id === who.id && !chair.agreed.has(agreedKey(root, record.id)));
}

/** Change or take away an entry of a young person's safety plan: its author, the chair (and the lead while preparing). */
export function mayChangeSafetyPlanEntry(entry: { addedBy: { id: string } }, who: Who, chair: ChairState): boolean {
  return mayChangeDrafts(who, chair) || entry.addedBy.id === who.id;
}

/** Change or take away a view one wrote beside a record. */
export function mayChangeView(view: { addedBy: { id: string } }, who: Who): boolean {
  return isChair(who) || view.addedBy.id === who.id;
}

export function mayEditContingency(who: Who, chair: ChairState): boolean {
  return isChair(who) || !chair.agreed.has(CONTINGENCY_AGREED_KEY);
}

/** Whether someone in the role `role` may give a score now (family first, when the chair asks for it). */
export function mayScoreNow(role: AccessRole, chair: ChairState): boolean {
  return !chair.preparing && (!chair.settings.familyFirst || chair.everyoneMayScore || role === 'family');
}

/** Whether a score already given for a danger statement may still be changed. */
export function mayChangeScore(pairId: string, chair: ChairState): boolean {
  return chair.lockedAt === null && !chair.revealed.has(pairId);
}

export function mayRecommend(who: Who, chair: ChairState): boolean {
  return who.role === 'professional' && !chair.preparing;
}

// ---- the server's checks ----

const saneTime = (v: unknown, now: number): boolean => typeof v === 'number' && Math.abs(v - now) <= CLOCK_TOLERANCE_MS;

function existingMap(doc: Y.Doc, root: string, key: string): Y.Map<unknown> | null {
  const v = doc.getMap<unknown>(root).get(key);
  return v instanceof Y.Map ? v : null;
}

function checkValues(where: string, w: ValueWrites, check: (v: unknown) => boolean): void {
  for (const v of w.values) if (!check(v)) refuse('bad-value', where);
}

/** The sender as the rules see them: with the lead flag from the server's directory. */
const whoIs = (ctx: RuleContext): Who => ({ ...ctx.sender, lead: ctx.participants.get(ctx.sender.id)?.lead === true });

/** Items on the board, danger statements, actions, people in the network, and views beside them. */
export function checkRecords(w: RootWrites, spec: RecordsRoot, ctx: RuleContext): void {
  const root = w.root as RecordRoot;
  const map = ctx.doc.getMap<unknown>(root);
  let created = 0;
  for (const r of w.records.values()) {
    checkRecord(root, spec, r, ctx);
    if (r.created) created++;
  }
  // Only an update that creates records can pass the limit. Counting walks every record of the root
  // (Y.Map's size iterates its entries), so an edit does not count: the check stays proportional to the update.
  if (created > 0 && map.size + created > spec.max) refuse('too-many', root);
  if (root === 'dangerPairs') {
    // At most four live danger statements (removed ones do not count).
    const live = new Set(readDangerPairs(ctx.doc).map((p) => p.id));
    for (const r of w.records.values()) {
      const removed = lastValue(r.fields.get('removed'));
      if (r.created && removed !== true) live.add(r.id);
      else if (removed === true) live.delete(r.id);
      else if (removed === false) live.add(r.id);
    }
    if (live.size > MAX_DANGER_PAIRS) refuse('too-many', root);
  }
}

const PROPOSAL_FIELDS = new Set(['proposedText', 'proposedBy', 'proposedAt']);
/** What the chair's document does not take while the conference is being prepared. */
const PREPARATION_CLOSED = new Set(['confirmed', 'disputed', 'agreed', 'decision']);
const STAMP_FIELDS = new Set(['changedBy', 'changedAt']);

/** The roots of records: items, what the chair marks agreed, views, and a young person's safety plan. */
type RecordRoot = 'cards' | 'views' | 'safetyPlan' | AgreeableRoot;

function checkRecord(root: RecordRoot, spec: RecordsRoot, r: RecordWrites, ctx: RuleContext): void {
  const where = `${root}/${r.id}`;
  const me = ctx.sender.id;
  if (r.deleted && !r.created) refuse('no-delete', where);
  for (const [field, fw] of r.fields) {
    const fieldSpec = spec.fields[field];
    if (!fieldSpec) refuse('unknown-field', `${where}.${field}`);
    else if (fieldSpec.kind === 'value') {
      if (fw.createdType) refuse('shape', `${where}.${field}`);
      checkValues(`${where}.${field}`, fw, fieldSpec.check);
    } else if (fw.values.length > 0 || fw.createdType !== 'text') refuse('shape', `${where}.${field}`);
    if (fw.deleted && fw.values.length === 0 && fw.createdType === null) refuse('no-delete', `${where}.${field}`);
  }
  const value = (field: string): unknown => lastValue(r.fields.get(field));
  const existing = existingMap(ctx.doc, root, r.id);

  // Texts inside the record (what someone in the network will do) stay within their limit.
  for (const [field, tw] of r.text) {
    const fieldSpec = spec.fields[field];
    const current = existing?.get(field);
    const length = r.created ? 0 : current instanceof Y.Text ? current.length : 0;
    if (fieldSpec?.kind === 'text' && length + tw.inserted - tw.deleted > fieldSpec.max) refuse('too-long', `${where}.${field}`);
  }

  if (r.created) {
    if (existing) refuse('replace', where);
    for (const field of spec.required) {
      const fw = r.fields.get(field);
      const fieldSpec = spec.fields[field];
      const present = fieldSpec?.kind === 'text' ? fw?.createdType === 'text' : fw !== undefined && fw.values.length > 0;
      if (!present) refuse('incomplete', `${where}.${field}`);
    }
    if (value('addedBy') !== me || value('changedBy') !== me) refuse('as-someone-else', where);
    if (!saneTime(value('addedAt'), ctx.now) || !saneTime(value('changedAt'), ctx.now)) refuse('bad-time', where);
    if (root === 'cards' && (value('proposedText') ?? '') !== '') refuse('bad-value', `${where}.proposedText`);
    // Where a record came from, and its scores at earlier conferences, only the server writes.
    for (const field of SERVER_RECORD_FIELDS) if (r.fields.has(field) && value(field) !== null) refuse('server-only', `${where}.${field}`);
    if (root === 'views') {
      const [targetRoot, targetId] = String(value('target')).split('/');
      if (!targetRoot || !targetId || !existingMap(ctx.doc, targetRoot, targetId)) refuse('missing', where);
    }
    return;
  }
  if (!existing) refuse('missing', where);
  const record = existing as Y.Map<unknown>;
  if (r.fields.has('addedBy') || r.fields.has('addedAt') || r.fields.has('target')) refuse('immutable', where);
  for (const field of SERVER_RECORD_FIELDS) if (r.fields.has(field)) refuse('immutable', where);
  for (const [field, fw] of r.fields) if (fw.createdType) refuse('replace', `${where}.${field}`);

  const author = readString(record, 'addedBy');
  const isAuthor = author === me;
  const settled =
    root === 'views' || root === 'safetyPlan'
      ? false
      : root === 'cards'
        ? ctx.chair.confirmed.has(r.id)
        : ctx.chair.agreed.has(agreedKey(root, r.id));
  // Views are their author's (and the chair's) alone; drafts may also be changed by the lead while preparing.
  const mayOverride = root === 'views' ? isChair(ctx.sender) : mayChangeDrafts(whoIs(ctx), ctx.chair);
  const touched = [...r.fields.keys()].filter((f) => !PROPOSAL_FIELDS.has(f) && !STAMP_FIELDS.has(f));
  touched.push(...r.text.keys());
  if (touched.length > 0 || r.fields.has('changedBy') || r.fields.has('changedAt')) {
    if (!mayOverride && !(isAuthor && !settled)) refuse(!isAuthor ? 'not-yours' : root === 'cards' ? 'confirmed' : 'agreed', where);
    if (touched.length > 0 && (!r.fields.has('changedBy') || !r.fields.has('changedAt'))) refuse('unstamped', where);
    if (r.fields.has('changedBy') && value('changedBy') !== me) refuse('as-someone-else', where);
    if (r.fields.has('changedAt') && !saneTime(value('changedAt'), ctx.now)) refuse('bad-time', where);
  }
  if (root === 'cards' && [...r.fields.keys()].some((f) => PROPOSAL_FIELDS.has(f))) {
    const text = r.fields.has('proposedText') ? value('proposedText') : readString(record, 'proposedText');
    if (text === '') {
      // Settling a proposal: the chair accepts or declines, or the author withdraws it.
      if (!isChair(ctx.sender) && !isAuthor) refuse('not-yours', where);
      if (r.fields.has('proposedBy') && value('proposedBy') !== '') refuse('bad-value', where);
    } else {
      if (!isAuthor) refuse('not-yours', where);
      if (value('proposedBy') !== me) refuse('as-someone-else', where);
      if (!saneTime(value('proposedAt'), ctx.now)) refuse('bad-time', where);
    }
  }
}

/** The contingency plan (a text for everyone) and who changed it last. */
export function checkContingency(text: RootWrites | undefined, info: RootWrites | undefined, spec: TextRoot, ctx: RuleContext): void {
  const where = 'contingency';
  if (!mayEditContingency(ctx.sender, ctx.chair)) refuse('agreed', where);
  for (const [field, fw] of info?.fields ?? []) {
    const infoSpec = info?.spec as FieldsRoot | undefined;
    const fieldSpec = infoSpec?.fields[field];
    if (!fieldSpec || fieldSpec.kind !== 'value') refuse('unknown-field', `contingencyInfo.${field}`);
    else if (fieldSpec.server) refuse('server-only', `contingencyInfo.${field}`);
    else checkValues(`contingencyInfo.${field}`, fw, fieldSpec.check);
    if (fw.createdType || (fw.deleted && fw.values.length === 0)) refuse('shape', `contingencyInfo.${field}`);
  }
  const by = lastValue(info?.fields.get('changedBy'));
  const at = lastValue(info?.fields.get('changedAt'));
  if (text?.text) {
    const length = ctx.doc.getText('contingency').length + text.text.inserted - text.text.deleted;
    if (length > spec.max) refuse('too-long', where);
    if (by === undefined || at === undefined) refuse('unstamped', where);
  }
  if (by !== undefined && by !== ctx.sender.id) refuse('as-someone-else', where);
  if (at !== undefined && !saneTime(at, ctx.now)) refuse('bad-time', where);
}

/** Scores and recommendations: one per person, written by that person (or by the chair for someone without a device). */
export function checkEntries(w: RootWrites, spec: EntriesRoot, ctx: RuleContext): void {
  const map = ctx.doc.getMap<unknown>(w.root);
  let created = 0;
  for (const [key, ew] of w.entries) {
    const where = `${w.root}/${key}`.slice(0, 100);
    if (spec.rule === 'server') refuse('server-only', w.root);
    if (ew.createdType) refuse('shape', where);
    if (ew.values.length === 0) refuse('no-delete', where);
    checkValues(where, ew, spec.value);
    if (ctx.chair.preparing) refuse('preparation', where);
    if (!map.has(key)) created++;
    const v = lastValue(ew) as Record<string, unknown>;
    const subject = spec.rule === 'score' ? key.slice(key.indexOf('|') + 1) : key;
    const entered = subject.startsWith(ENTERED_PREFIX);
    if (entered) {
      if (!isChair(ctx.sender)) refuse('not-yours', where);
      if (v.enteredBy !== ctx.sender.id || v.participantId !== null) refuse('as-someone-else', where);
    } else {
      const me = ctx.participants.get(ctx.sender.id);
      if (subject !== ctx.sender.id || v.participantId !== ctx.sender.id || v.enteredBy !== null) refuse('as-someone-else', where);
      if (!me || v.name !== me.name || v.roleLabel !== me.roleLabel || (spec.rule === 'score' && v.role !== me.role))
        refuse('as-someone-else', where);
    }
    if (!saneTime(v.at, ctx.now)) refuse('bad-time', where);
    if (spec.rule === 'score') {
      const pairId = key.slice(0, key.indexOf('|'));
      if (v.pairId !== pairId) refuse('bad-value', where);
      if (!readDangerPairs(ctx.doc).some((p) => p.id === pairId)) refuse('missing', where);
      if (ctx.chair.settings.scoring !== 'open') refuse('hidden-scoring', where);
      if (map.has(key) && !mayChangeScore(pairId, ctx.chair)) refuse('scores-shown', where);
      if (!mayScoreNow(v.role as AccessRole, ctx.chair)) refuse('family-first', where);
    } else if (!entered && !mayRecommend(ctx.sender, ctx.chair)) refuse('not-allowed', where);
  }
  if (map.size + created > spec.max) refuse('too-many', w.root);
}

/** Roots of known fields: the server's own, and the chair's. */
export function checkFields(w: RootWrites, spec: FieldsRoot, ctx: RuleContext): void {
  if (spec.rule === 'server') refuse('server-only', w.root);
  if (spec.rule === 'chair' && !isChair(ctx.sender)) refuse('chair-only', w.root);
  const map = ctx.doc.getMap<unknown>(w.root);
  for (const [name, fw] of w.fields) {
    const where = `${w.root}.${name}`;
    const field = spec.fields[name];
    if (!field) refuse('unknown-field', where);
    else if (field.kind === 'value') {
      if (field.server) refuse('server-only', where);
      if (fw.createdType) refuse('shape', where);
      if (fw.values.length === 0) refuse('no-delete', where);
      checkValues(where, fw, field.check);
    } else if (field.kind === 'map' || field.kind === 'group') {
      if (field.kind === 'map' && field.server) refuse('server-only', where);
      // A nested map is made once (by the server); writing another would drop its entries.
      if (fw.createdType !== 'map' || fw.values.length > 0 || map.get(name) instanceof Y.Map) refuse('replace', where);
    } else refuse('shape', where);
  }
  for (const [name, entries] of w.nested) {
    const field = spec.fields[name];
    const where = `${w.root}.${name}`;
    // Before the meeting nothing is confirmed, agreed or decided.
    if (ctx.chair.preparing && PREPARATION_CLOSED.has(name)) refuse('preparation', where);
    if (!field || (field.kind !== 'map' && field.kind !== 'group')) {
      refuse('shape', where);
      continue;
    }
    if (field.kind === 'map' && field.server) refuse('server-only', where);
    const current = map.get(name);
    let created = 0;
    for (const [key, ew] of entries) {
      if (ew.createdType) refuse('shape', `${where}.${key}`);
      const check = field.kind === 'map' ? field.value : field.fields[key]?.check;
      if (!check) refuse('unknown-field', `${where}.${key}`);
      else checkValues(`${where}.${key}`, ew, check);
      // Entries of a map may be taken away (an item no longer confirmed); fields of a group may not.
      if (ew.values.length === 0 && field.kind === 'group') refuse('no-delete', `${where}.${key}`);
      if (current instanceof Y.Map && !current.has(key)) created++;
    }
    if (field.kind === 'map' && (current instanceof Y.Map ? current.size : 0) + created > field.max) refuse('too-many', where);
  }
}
