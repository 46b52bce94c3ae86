import * as Y from 'yjs';
import { isColumnId } from './columns.js';
import { isStageId } from './stages.js';
import { ACCESS_ROLES } from './types.js';
import { isVersionChanges } from './versions.js';
import {
  cleanCardText,
  cleanChildren,
  cleanName,
  cleanNameList,
  cleanOptionalDate,
  cleanRoleLabel,
  cleanText,
  isIsoDate,
  isParticipantId,
  LIMITS,
  PARTICIPANT_ID,
  RECORD_ID,
} from './validation.js';

/**
 * The one schema of a conference's two documents: every shared root, every record and field, how
 * each value is checked, and which write rule applies (the rules themselves are in rules.ts).
 * Nothing else names a root: the typed functions of this folder reach the document through
 * `boardRoot` / `chairRoot` below, and the server checks each incoming update against these
 * declarations before it touches the room's document (see check.ts).
 *
 * Board document (room `<conferenceId>`):
 *
 *   meta            fields   schemaVersion, createdAt                              server
 *   details         fields   kind, date, caseReference, chairName, children        server
 *   participants    entries  participant id -> { id, name, roleLabel, role, joinedAt }   server
 *   writers         entries  Yjs client id -> participant id ('server' for the server)   server
 *   cards           records  the items on the board                                board item rule
 *   network         records  the family's network (willDo is a Y.Text)             authored record rule
 *   dangerPairs     records  danger statement + safety goal                        authored record rule
 *   actions         records  the SMART plan                                        authored record rule
 *   safetyPlan      records  a young person's own safety plan, in six parts        authored record rule
 *   contingency     text     the contingency plan (Y.Text)                         contingency rule
 *   contingencyInfo fields   changedBy, changedAt of the contingency plan          contingency rule
 *   scores          entries  `${pairId}|${subject}` -> Score                       personal entry rule
 *   recommendations entries  subject -> Recommendation                             personal entry rule
 *   nextSteps       fields   coreGroup, firstCoreGroup, visitEveryWorkingDays, review  chair
 *   record          fields   apologies                                             chair
 *
 * Chair document (room `<conferenceId>/chair`): one `chair` map of fields and nested maps, written
 * by the chair only, but for the fields the server alone writes (the lock, revealed scores, the seal).
 */

/** The version of this layout. Documents of older versions are migrated on load (migrations.ts). */
export const SCHEMA_VERSION = 3;

/** Checks one stored value: true when it may be stored exactly as it is. */
export type Check = (value: unknown) => boolean;

export type Writer = 'server' | 'chair';

export interface ValueField {
  kind: 'value';
  check: Check;
  /** Only the server may write it (for example the lock). */
  server?: true;
}
/** A Y.Text: people type into it at the same time and see each other's words live. */
export interface TextField {
  kind: 'text';
  max: number;
}
/** A nested Y.Map of id -> value (for example the items the chair confirmed). */
export interface MapField {
  kind: 'map';
  key: RegExp;
  value: Check;
  max: number;
  server?: true;
}
/** A nested Y.Map of known fields (for example the chair's settings). */
export interface GroupField {
  kind: 'group';
  fields: Record<string, ValueField>;
}
export type Field = ValueField | TextField | MapField | GroupField;

export type RecordRule = 'boardItem' | 'authoredRecord';
export type EntryRule = 'score' | 'recommendation' | 'server';
export type FieldsRule = 'server' | 'chair' | 'contingencyInfo';

export interface RecordsRoot {
  kind: 'records';
  id: RegExp;
  /** Records of this kind in one conference, removed ones included. */
  max: number;
  fields: Record<string, ValueField | TextField>;
  /** Fields a new record must have, set in the same change that creates it. */
  required: readonly string[];
  rule: RecordRule;
}
export interface EntriesRoot {
  kind: 'entries';
  key: RegExp;
  max: number;
  value: Check;
  rule: EntryRule;
}
export interface FieldsRoot {
  kind: 'fields';
  fields: Record<string, Field>;
  rule: FieldsRule;
}
export interface TextRoot {
  kind: 'text';
  max: number;
}
export type RootSpec = RecordsRoot | EntriesRoot | FieldsRoot | TextRoot;

// ---- value checks ----

/** Accepts a value that `clean` leaves exactly as it is (the same function the form uses). */
export const accepts =
  (clean: (v: unknown) => unknown): Check =>
  (v) => {
    try {
      return sameValue(clean(v), v);
    } catch {
      return false;
    }
  };

/** Structural equality of plain values (never deeper than the schema allows: see isShallow). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameValue(a[k], b[k]));
  }
  return false;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/**
 * True when a plain value nests at most `maxDepth` levels and holds at most `maxNodes` values.
 * Iterative, so a hostile value thousands of levels deep cannot overflow the stack here.
 */
export function isShallow(value: unknown, maxDepth = 3, maxNodes = 200): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  let nodes = 0;
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (++nodes > maxNodes) return false;
    if (Array.isArray(v) || isPlainObject(v)) {
      if (depth >= maxDepth) return false;
      for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
    }
  }
  return true;
}

const isBoolean: Check = (v) => typeof v === 'boolean';
const isTime: Check = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 8.64e15;
const isTimeOrNull: Check = (v) => v === null || isTime(v);
const isParticipant: Check = (v) => isParticipantId(v);
const isRecordRef: Check = (v) => typeof v === 'string' && RECORD_ID.test(v);
const isRank: Check = (v) => typeof v === 'string' && /^[0-9A-Za-z]{1,64}$/.test(v);
const isStringOf =
  (max: number, min = 0): Check =>
  (v) =>
    typeof v === 'string' && v.length >= min && v.length <= max && v.trim() === v;
const oneOf =
  (...values: readonly unknown[]): Check =>
  (v) =>
    values.includes(v);
const text = (what: string, max: number, required = true): Check => accepts((v) => cleanText('text', what, v, max, required));
const objectOf =
  (fields: Record<string, Check>): Check =>
  (v) =>
    isShallow(v, 2) &&
    isPlainObject(v) &&
    Object.keys(v).length === Object.keys(fields).length &&
    Object.entries(fields).every(([k, check]) => Object.prototype.hasOwnProperty.call(v, k) && check(v[k]));

const isChildren: Check = (v) => isShallow(v, 1, 20) && Array.isArray(v) && accepts(cleanChildren)(v);
const isNameList =
  (maxEach: number, maxCount: number): Check =>
  (v) =>
    isShallow(v, 1, maxCount + 1) && Array.isArray(v) && accepts((x) => cleanNameList(x, maxEach, maxCount))(v);

const value = (check: Check, server?: true): ValueField => (server ? { kind: 'value', check, server } : { kind: 'value', check });

/** Who added a record and who changed it last, with when: on every record of every kind. */
const PROVENANCE = {
  addedBy: value(isParticipant),
  addedAt: value(isTime),
  changedBy: value(isParticipant),
  changedAt: value(isTime),
  removed: value(isBoolean),
} as const;
const PROVENANCE_REQUIRED = ['addedBy', 'addedAt', 'changedBy', 'changedAt', 'removed'] as const;

const CONFERENCE_KIND_IDS = ['initial', 'review', 'young-person'] as const;
const isConference: Check = (v) => typeof v === 'string' && /^[A-Za-z0-9_-]{22}$/.test(v);
const isCount: Check = (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 10_000;
const isScoreOrNull: Check = (v) => v === null || (typeof v === 'number' && v >= 0 && v <= 10);

/** Where a record carried into a review came from: the conference, its kind and its date. Written by the server only. */
export const isOrigin: Check = (v) =>
  v === null || objectOf({ conferenceId: isConference, kind: oneOf(...CONFERENCE_KIND_IDS), date: isIsoDate })(v);

/** A danger statement's scores at earlier conferences of the chain, oldest first. Written by the server only. */
export const isHistory: Check = (v) =>
  isShallow(v, 2, 200) &&
  Array.isArray(v) &&
  v.length <= 20 &&
  v.every(
    objectOf({
      conferenceId: isConference,
      kind: oneOf(...CONFERENCE_KIND_IDS),
      date: isIsoDate,
      count: isCount,
      median: isScoreOrNull,
      min: isScoreOrNull,
      max: isScoreOrNull,
    }),
  );

/** How far a carried action got since the last conference. */
export const PROGRESS = ['done', 'partly', 'not-done', 'no-longer-needed'] as const;
export type Progress = (typeof PROGRESS)[number];

/** The parts of a Young Person's Safety Plan (see safetyPlan.ts). */
export const SAFETY_PLAN_SECTIONS = ['worries', 'trusted-people', 'places', 'if', 'adults', 'help'] as const;
export type SafetyPlanSection = (typeof SAFETY_PLAN_SECTIONS)[number];

/** Fields only the server writes on a record (when it carries records into a review): never changed by a client. */
export const SERVER_RECORD_FIELDS = ['origin', 'history'] as const;

export const OUTCOME_IDS = ['cp', 'cin', 'other', 'nfa'] as const;
export const SUBJECT = /^[A-Za-z0-9_-]{6,64}$/;
/** A person who gave a score or recommendation through the chair, with no device of their own. */
export const ENTERED_PREFIX = 'entered-';

const isSubjectRole: Check = oneOf(...ACCESS_ROLES);

export const BOARD_SCHEMA = {
  meta: {
    kind: 'fields',
    rule: 'server',
    fields: { schemaVersion: value((v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 1000), createdAt: value(isTime) },
  },
  details: {
    kind: 'fields',
    rule: 'server',
    fields: {
      kind: value(oneOf(...CONFERENCE_KIND_IDS)),
      date: value(isIsoDate),
      // In a chain of conferences: the date of the first, and which review this is (0: not a review).
      chainStart: value(isIsoDate),
      reviewNumber: value(isCount),
      caseReference: value(text('the case reference', 40)),
      chairName: value(text('the chair’s name', 80)),
      children: value(
        (v) =>
          isShallow(v, 2, 60) &&
          Array.isArray(v) &&
          v.length >= 1 &&
          v.length <= LIMITS.children &&
          v.every(objectOf({ name: text('a name', 40), age: (a) => Number.isInteger(a) && (a as number) >= 0 && (a as number) <= 18 })),
      ),
    },
  },
  participants: {
    kind: 'entries',
    rule: 'server',
    key: PARTICIPANT_ID,
    max: 2000,
    value: objectOf({
      id: isParticipant,
      name: accepts(cleanName),
      roleLabel: accepts(cleanRoleLabel),
      role: isSubjectRole,
      joinedAt: isTime,
      // The lead social worker, who drafts the danger statements, the plan and items before the meeting.
      lead: isBoolean,
    }),
  },
  writers: {
    kind: 'entries',
    rule: 'server',
    key: /^\d{1,10}$/,
    max: 20_000,
    value: (v) => v === 'server' || isParticipantId(v),
  },
  cards: {
    kind: 'records',
    rule: 'boardItem',
    id: RECORD_ID,
    max: 3000,
    fields: {
      column: value(isColumnId),
      rank: value(isRank),
      text: value(accepts(cleanCardText)),
      children: value(isChildren),
      // A change the author proposes to a confirmed item, for the chair to accept or decline.
      proposedText: value((v) => v === '' || accepts(cleanCardText)(v)),
      proposedBy: value((v) => v === '' || isParticipantId(v)),
      proposedAt: value(isTime),
      // Where an item prepared before the meeting came from ("from the school's report").
      source: value(text('where it came from', LIMITS.source, false)),
      ...PROVENANCE,
    },
    required: ['column', 'rank', 'text', ...PROVENANCE_REQUIRED],
  },
  network: {
    kind: 'records',
    rule: 'authoredRecord',
    id: RECORD_ID,
    max: 300,
    fields: {
      name: value(accepts(cleanName)),
      relationship: value(text('how they are connected to the family', LIMITS.relationship)),
      inSafetyNetwork: value(isBoolean),
      willDo: { kind: 'text', max: LIMITS.willDo },
      origin: value(isOrigin),
      ...PROVENANCE,
    },
    required: ['name', 'relationship', 'inSafetyNetwork', 'willDo', ...PROVENANCE_REQUIRED],
  },
  dangerPairs: {
    kind: 'records',
    rule: 'authoredRecord',
    id: RECORD_ID,
    max: 40,
    fields: {
      danger: value(text('the danger statement', LIMITS.dangerStatement)),
      goal: value(text('the safety goal', LIMITS.safetyGoal)),
      origin: value(isOrigin),
      history: value(isHistory),
      ...PROVENANCE,
    },
    required: ['danger', 'goal', ...PROVENANCE_REQUIRED],
  },
  actions: {
    kind: 'records',
    rule: 'authoredRecord',
    id: RECORD_ID,
    max: 500,
    fields: {
      what: value(text('what will be done', LIMITS.actionWhat)),
      who: value(text('who will do it', LIMITS.actionWho, false)),
      byWhen: value(accepts((v) => cleanOptionalDate('byWhen', v))),
      measure: value(text('how everyone will know it worked', LIMITS.actionMeasure, false)),
      pairId: value((v) => v === null || isRecordRef(v)),
      children: value(isChildren),
      origin: value(isOrigin),
      progress: value((v) => v === null || (PROGRESS as readonly unknown[]).includes(v)),
      progressNote: value(text('how it went', LIMITS.progressNote, false)),
      // In a young person's conference: the part of their safety plan the action belongs to.
      section: value((v) => v === null || (SAFETY_PLAN_SECTIONS as readonly unknown[]).includes(v)),
      ...PROVENANCE,
    },
    required: ['what', 'who', 'byWhen', 'measure', 'pairId', 'children', ...PROVENANCE_REQUIRED],
  },
  // The Young Person's Safety Plan: entries in six parts, in the young person's words.
  safetyPlan: {
    kind: 'records',
    rule: 'authoredRecord',
    id: RECORD_ID,
    max: 600,
    fields: {
      section: value(oneOf(...SAFETY_PLAN_SECTIONS)),
      text: value(text('what you want to write', LIMITS.safetyPlanEntry)),
      ...PROVENANCE,
    },
    required: ['section', 'text', ...PROVENANCE_REQUIRED],
  },
  contingency: { kind: 'text', max: LIMITS.contingency },
  contingencyInfo: {
    kind: 'fields',
    rule: 'contingencyInfo',
    fields: { changedBy: value(isParticipant), changedAt: value(isTime), origin: value(isOrigin, true) },
  },
  // The family's own view beside an item, a danger statement or an action ("This is not right because…").
  views: {
    kind: 'records',
    rule: 'authoredRecord',
    id: RECORD_ID,
    max: 2000,
    fields: {
      target: value((v) => typeof v === 'string' && /^(?:cards|dangerPairs|actions)\/[A-Za-z0-9_-]{8,32}$/.test(v)),
      text: value(text('your view', LIMITS.view)),
      ...PROVENANCE,
    },
    required: ['target', 'text', ...PROVENANCE_REQUIRED],
  },
  // When each family member read what was prepared before the meeting (the server writes it as they open it).
  reads: {
    kind: 'entries',
    rule: 'server',
    key: PARTICIPANT_ID,
    max: 2000,
    value: isTime,
  },
  scores: {
    kind: 'entries',
    rule: 'score',
    key: /^[A-Za-z0-9_-]{8,32}\|[A-Za-z0-9_-]{6,64}$/,
    max: 4000,
    value: objectOf({
      pairId: isRecordRef,
      participantId: (v) => v === null || isParticipantId(v),
      name: accepts(cleanName),
      roleLabel: accepts(cleanRoleLabel),
      role: isSubjectRole,
      value: (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 10,
      nextStep: text('what would move it up one point', LIMITS.nextStep, false),
      at: isTime,
      enteredBy: (v) => v === null || isParticipantId(v),
    }),
  },
  recommendations: {
    kind: 'entries',
    rule: 'recommendation',
    key: SUBJECT,
    max: 1000,
    value: objectOf({
      participantId: (v) => v === null || isParticipantId(v),
      name: accepts(cleanName),
      roleLabel: accepts(cleanRoleLabel),
      recommendation: oneOf(...OUTCOME_IDS),
      reason: text('the reason for your recommendation', LIMITS.reason),
      dissent: text('the reasons for your dissent', LIMITS.dissent, false),
      at: isTime,
      enteredBy: (v) => v === null || isParticipantId(v),
    }),
  },
  nextSteps: {
    kind: 'fields',
    rule: 'chair',
    fields: {
      coreGroup: value(isNameList(LIMITS.coreGroupEntry, LIMITS.coreGroup)),
      firstCoreGroup: value(accepts((v) => cleanOptionalDate('firstCoreGroup', v))),
      visitEveryWorkingDays: value((v) => v === null || (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 60)),
      review: value(accepts((v) => cleanOptionalDate('review', v))),
    },
  },
  record: {
    kind: 'fields',
    rule: 'chair',
    fields: { apologies: value(isNameList(LIMITS.apology, LIMITS.apologies)) },
  },
} as const satisfies Record<string, RootSpec>;

export const CHAIR_SCHEMA = {
  chair: {
    kind: 'fields',
    rule: 'chair',
    fields: {
      lockedAt: value(isTimeOrNull, true),
      stage: value(isStageId),
      timerStartedAt: value(isTimeOrNull),
      timerHidden: value(isBoolean),
      confirmed: { kind: 'map', key: RECORD_ID, value: isTime, max: 3000 },
      disputed: { kind: 'map', key: RECORD_ID, value: isTime, max: 3000 },
      // Danger statements, actions and people in the network the chair marked as agreed, and the
      // contingency plan: keys `dangerPairs/<id>`, `actions/<id>`, `network/<id>`, `contingency`.
      agreed: {
        kind: 'map',
        key: /^(?:(?:dangerPairs|actions|network)\/[A-Za-z0-9_-]{8,32}|contingency)$/,
        value: isTime,
        max: 1000,
      },
      settings: {
        kind: 'group',
        fields: {
          scaleWording: value(isStringOf(400, 10)),
          scoring: value(oneOf('open', 'hidden')),
          familyFirst: value(isBoolean),
          proposedInRecord: value(oneOf('omit', 'mark')),
          localCategories: value(isNameList(LIMITS.localCategory, LIMITS.localCategories)),
        },
      },
      everyoneMayScore: value(isBoolean),
      revealed: { kind: 'map', key: RECORD_ID, value: isTime, max: 40, server: true },
      decision: {
        kind: 'group',
        fields: {
          outcome: value((v) => v === null || (OUTCOME_IDS as readonly unknown[]).includes(v)),
          categories: value(isNameList(LIMITS.localCategory, 20)),
          rationale: value(text('the reasons for the decision', LIMITS.rationale)),
          decidedAt: value(isTimeOrNull),
        },
      },
      // Written by the server when the meeting ends: the record's SHA-256, and how many hidden
      // scores the chair chose to leave out of it.
      // Before the meeting: the conference is being prepared ("no surprises"); the chair opens it.
      preparing: value(isBoolean, true),
      // After the meeting: the chair accepted a request for a change and is amending the record;
      // then the version published (2, 3 …) and what changed in it, and why.
      amending: value(isBoolean, true),
      version: value((v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 1000, true),
      versionChanges: value(isVersionChanges, true),
      sealedHash: value((v) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v), true),
      sealedAt: value(isTime, true),
      scoresLeftOut: value((v) => Number.isInteger(v) && (v as number) >= 0, true),
    },
  },
} as const satisfies Record<string, RootSpec>;

export type BoardRootName = keyof typeof BOARD_SCHEMA;
export type ChairRootName = keyof typeof CHAIR_SCHEMA;
export type DocumentSchema = Readonly<Record<string, RootSpec>>;

/** The board document's root types, by name: the one place besides the schema that says which kind each is. */
export function boardRoot(doc: Y.Doc, name: 'contingency'): Y.Text;
export function boardRoot<T = unknown>(doc: Y.Doc, name: Exclude<BoardRootName, 'contingency'>): Y.Map<T>;
export function boardRoot(doc: Y.Doc, name: BoardRootName): Y.Map<unknown> | Y.Text {
  return BOARD_SCHEMA[name].kind === 'text' ? doc.getText(name) : doc.getMap(name);
}

export function chairRoot(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>('chair');
}

/** Which records the chair marks as agreed, and the key of each in the chair's `agreed` map. */
export type AgreeableRoot = 'dangerPairs' | 'actions' | 'network';
/** Records a view can be written beside. */
export type ViewTargetRoot = 'cards' | 'dangerPairs' | 'actions';
export const agreedKey = (root: AgreeableRoot, id: string): string => `${root}/${id}`;
export const CONTINGENCY_AGREED_KEY = 'contingency';
