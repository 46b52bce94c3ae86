import { COLUMNS, type ColumnId } from '../model/columns.js';
import { CONFERENCE_KIND_LABELS, type ConferenceKind } from '../model/details.js';
import { OUTCOMES, type Outcome } from '../model/chair.js';
import { longDate } from '../model/workingDays.js';
import type { Progress, SafetyPlanSection } from '../model/schema.js';
import type { PartKind } from '../model/versions.js';

/**
 * The summary's fixed wording: every heading, label and sentence the PDF writes itself, in one
 * typed object, so the record can be made in the reader's language. What people typed is passed in
 * and never translated. English is the default; `dir: 'rtl'` lays the document out from the right.
 *
 * Functions that put typed text into a sentence wrap it in `isolate()`, so that a name in one
 * direction inside a sentence in the other keeps its own order (Unicode's first-strong isolate).
 */
export interface SummaryMessages {
  /** BCP 47 language of the wording, and its direction. */
  lang: string;
  dir: 'ltr' | 'rtl';
  /** The PDF's own title and subject (shown by viewers, not on the page). */
  title: string;
  subject: string;
  heading: string;
  /** A long date, "Monday 23 November 2026", from "2026-11-23". */
  date(iso: string): string;
  /** A list of names or items: "a, b, c". */
  list(items: readonly string[]): string;
  kinds: Record<ConferenceKind, string>;
  outcomes: Record<Outcome, string>;
  about: { heading: string; kind: string; date: string; chair: string; caseReference: string };
  whoCame: { heading: string; name: string; hereAs: string };
  apologies: { heading: string; none: string };
  children: { heading: string; none: string; child(name: string, age: number): string };
  board: {
    heading: string;
    withUnconfirmed: string;
    confirmedOnly: string;
    column(id: ColumnId): string;
    nothing: string;
    item(item: {
      text: string;
      children: readonly string[];
      note: 'disputed' | 'not-confirmed' | null;
      author: string;
      role: string;
    }): string;
  };
  dangers: {
    heading: string;
    scale(wording: string): string;
    none: string;
    statement(n: number): string;
    goal: string;
    noScores: string;
    scores(s: { count: number; median: number | null; min: number | null; max: number | null; spread: number | null }): string;
    head: [who: string, score: string, nextStep: string];
    who(name: string, role: string): string;
    /** Said of a score the chair typed in for someone without a device. */
    entered(who: string): string;
    /** Hidden scores the chair chose, when ending the meeting, to leave out. */
    leftOut(count: number): string;
  };
  plan: { heading: string; none: string; head: [what: string, who: string, byWhen: string, measure: string, forWhat: string] };
  /** A review conference: each scale's middle score across the chain, and what happened to the actions carried. */
  review: {
    /** "Middle score at each conference: initial conference, …: 4; review 1, …: 7." */
    trend(points: ReadonlyArray<{ reviewNumber: number; date: string; median: number | null }>): string;
    progressHeading: string;
    progressHead: [what: string, progress: string, note: string];
    progress: Record<Progress, string>;
    notSaid: string;
  };
  network: { heading: string; none: string; head: [name: string, who: string, willDo: string] };
  contingency: { heading: string; none: string };
  recommendations: {
    heading: string;
    none: string;
    line(r: { name: string; role: string; outcome: string; reason: string }): string;
    dissent(text: string): string;
  };
  decision: { heading: string; none: string; category(list: string): string; reasons(text: string): string };
  next: {
    heading: string;
    head: [item: string, when: string, timescale: string];
    coreGroup: string;
    notNamed: string;
    firstCoreGroup: string;
    notSet: string;
    withinWorkingDays(days: number): string;
    visits: string;
    atLeastEvery(days: number): string;
    review: string;
    withinMonths(months: number): string;
  };
  correction: string;
  /** The Young Person's Safety Plan: its own title, and the plan in six parts, in the young person's words. */
  youngPerson: {
    title: string;
    heading: string;
    planHeading: string;
    intro: string;
    sections: Record<SafetyPlanSection, string>;
    nothing: string;
    /** Who wrote an entry (when it was not the young person's own words, the reader should know). */
    by(name: string, role: string): string;
  };
  /** After the meeting: asking for changes, and what changed in a later version. */
  amendments: {
    /** The deadline to ask for changes, as a long date. */
    askBy(date: string): string;
    changesHeading(version: number): string;
    changesIntro(version: number, previous: number): string;
    part(kind: PartKind): string;
    before: string;
    now: string;
    added: string;
    takenOut: string;
    asked(r: { name: string; role: string; date: string; wrong: string }): string;
    note(text: string): string;
  };
  /** Marked on what the chair changed after it was confirmed or agreed. */
  changedAfterAgreement: string;
  page: {
    header(date: string | null): string;
    notice: string;
    number(page: number, of: number): string;
    /** The record's id and the start of its sealed SHA-256, on every page. */
    sealed(recordId: string, shortHash: string): string;
    /** Before the meeting ends: a preview, not the record. */
    preview: string;
    /** Which version of the record (printed after the check code from version 2 on). */
    version(n: number): string;
    /** While the chair amends the record: a draft of the next version, not the record. */
    draft(n: number): string;
  };
}

/** Keeps typed text in its own direction inside a sentence (U+2068 … U+2069). */
export const isolate = (text: string): string => `\u2068${text}\u2069`;

const column = (id: ColumnId): string => {
  const c = COLUMNS.find((x) => x.id === id);
  return c ? `${c.label}: ${c.familyLabel.toLowerCase()}` : id;
};

export const ENGLISH: SummaryMessages = {
  lang: 'en-GB',
  dir: 'ltr',
  title: 'Child protection conference: summary',
  subject: 'Conference summary and outline plan',
  heading: 'Child protection conference: summary and plan',
  date: longDate,
  list: (items) => items.join(', '),
  kinds: CONFERENCE_KIND_LABELS,
  outcomes: OUTCOMES,
  about: { heading: 'About the conference', kind: 'Kind of conference', date: 'Date', chair: 'Chair', caseReference: 'Case reference' },
  whoCame: { heading: 'Who came', name: 'Name', hereAs: 'Here as' },
  apologies: { heading: 'Apologies (invited but could not come)', none: 'None.' },
  children: {
    heading: 'The children',
    none: 'None recorded.',
    child: (name, age) => `${isolate(name)}, ${age === 0 ? 'under one' : `${age} years old`}`,
  },
  board: {
    heading: 'What everyone shared',
    withUnconfirmed: 'Items the chair confirmed as accurate, and (marked “not confirmed”) items that were not confirmed.',
    confirmedOnly: 'Items the chair confirmed as accurate. Items that were not confirmed are left out.',
    column,
    nothing: 'Nothing recorded.',
    item: ({ text, children, note, author, role }) =>
      `• ${isolate(text)}${children.length ? ` (about ${children.map(isolate).join(', ')})` : ''}` +
      `${note === 'disputed' ? ' [disputed]' : note === 'not-confirmed' ? ' [not confirmed]' : ''}  (${isolate(author)}, ${isolate(role)})`,
  },
  dangers: {
    heading: 'What we are worried about, and what needs to happen',
    scale: (wording) => `The safety scale: ${isolate(wording)}`,
    none: 'No danger statements were written.',
    statement: (n) => `Danger statement ${n}`,
    goal: 'Safety goal',
    noScores: 'No scores were given.',
    scores: (s) => `Scores: ${s.count}. Middle score (median): ${s.median}. From ${s.min} to ${s.max} (a spread of ${s.spread}).`,
    head: ['Who', 'Score', 'What would move it up one point'],
    who: (name, role) => `${isolate(name)}, ${isolate(role)}`,
    entered: (who) => `${who} (entered by the chair)`,
    leftOut: (count) =>
      `${count} ${count === 1 ? 'score was' : 'scores were'} given in private and not shown. The chair chose to leave ${count === 1 ? 'it' : 'them'} out of this record.`,
  },
  plan: {
    heading: 'The plan: who does what, by when',
    none: 'No actions were agreed.',
    head: ['What', 'Who', 'By when', 'How we will know it worked', 'For'],
  },
  review: {
    trend: (points) =>
      `Middle score at each conference: ${points
        .map((p) => `${p.reviewNumber === 0 ? `initial conference, ${longDate(p.date)}` : `review ${p.reviewNumber}, ${longDate(p.date)}`}: ${p.median ?? 'no scores'}`)
        .join('; ')}.`,
    progressHeading: 'What happened to the actions from the last conference',
    progressHead: ['What', 'How far it got', 'How it went'],
    progress: { done: 'Done', partly: 'Partly done', 'not-done': 'Not done', 'no-longer-needed': 'No longer needed' },
    notSaid: 'not said',
  },
  network: { heading: 'The safety network', none: 'Nobody was named.', head: ['Name', 'Who they are', 'What they will do'] },
  contingency: { heading: 'What happens if things do not change (contingency plan)', none: 'No contingency plan was written.' },
  recommendations: {
    heading: 'What each professional recommended',
    none: 'No recommendations were recorded.',
    line: (r) => `${isolate(r.name)}, ${isolate(r.role)}: ${r.outcome}. ${isolate(r.reason)}`,
    dissent: (text) => `Disagreed with the decision: ${isolate(text)}`,
  },
  decision: {
    heading: 'The decision',
    none: 'The chair did not record a decision.',
    category: (list) => `Category: ${list}`,
    reasons: (text) => `The chair’s reasons: ${isolate(text)}`,
  },
  next: {
    heading: 'What happens next',
    head: ['', 'When', 'Timescale'],
    coreGroup: 'Core group',
    notNamed: 'Not named',
    firstCoreGroup: 'First core group meeting',
    notSet: 'Not set',
    withinWorkingDays: (days) => `Within ${days} working days of the conference`,
    visits: 'Social work visits',
    atLeastEvery: (days) => `At least every ${days} working days`,
    review: 'Review conference',
    withinMonths: (months) => `Within ${months} months`,
  },
  correction: 'If you think something in this record is wrong, tell the chair within 5 working days and ask for it to be changed.',
  youngPerson: {
    title: 'Young Person’s Safety Plan',
    heading: 'Young Person’s Safety Plan',
    planHeading: 'My safety plan',
    intro: 'Written with the young person, in their words.',
    sections: {
      worries: 'What worries me',
      'trusted-people': 'People I trust, and how to reach them',
      places: 'Places I feel safe, and places I avoid',
      if: 'What I will do if…',
      adults: 'What the adults around me will do',
      help: 'Who helps: school, youth service, police, transport and others',
    },
    nothing: 'Nothing written yet.',
    by: (name, role) => `(${isolate(name)}, ${isolate(role)})`,
  },
  amendments: {
    askBy: (date) =>
      `If you think something in this record is wrong, you can ask for it to be changed until ${date}: open your link to the conference and choose “Ask for a change”, or tell the chair.`,
    changesHeading: (version) => `What changed in version ${version}, and why`,
    changesIntro: (version, previous) => `Version ${version} replaces version ${previous}. These are the changes; everything else is as it was.`,
    part: (kind) =>
      ({
        item: 'An item on the board',
        'danger-statement': 'A danger statement and its safety goal',
        action: 'An action in the plan',
        network: 'A person in the safety network',
        'safety-plan': 'The young person’s safety plan',
        contingency: 'The contingency plan',
        decision: 'The decision and its reasons',
        'next-steps': 'What happens next',
        apologies: 'Apologies',
      })[kind],
    before: 'Before',
    now: 'Now',
    added: '(added)',
    takenOut: '(taken out)',
    asked: (r) => `${isolate(r.name)}, ${isolate(r.role)}, asked on ${r.date}: ${isolate(r.wrong)}`,
    note: (text) => `The chair: ${isolate(text)}`,
  },
  changedAfterAgreement: '[changed by the chair after it was agreed]',
  page: {
    sealed: (recordId, hash) => `Record ${recordId} · check code ${hash}`,
    preview: 'Preview: not the final record',
    version: (n) => `version ${n}`,
    draft: (n) => `Draft of version ${n}: not the record yet`,
    header: (date) => `Child protection conference${date ? `, ${date}` : ''}`,
    notice:
      'Confidential. This record is for the family and the agencies at the conference. Share it only to protect a child or with the chair’s permission.',
    number: (page, of) => `page ${page} of ${of}`,
  },
};
