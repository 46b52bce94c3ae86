import {
  COLUMN_IDS,
  CONFERENCE_KINDS,
  DEFAULT_SCALE_WORDING,
  PART_KINDS,
  PROGRESS,
  SAFETY_PLAN_SECTIONS,
  type ColumnId,
  type ConferenceSnapshot,
} from '../../../shared/model/index.js';
import { isolate, type SummaryMessages } from '../../../shared/pdf/messages.js';
import type { Translator } from './translate';
import { ageOf, categoryOf, roleOf } from './words';

/**
 * The record with its fixed words in the reader's language: roles chosen from the join form's list
 * the national categories of a plan, and the scale's default wording. What people typed stays as typed.
 */
export function localiseSnapshot(snapshot: ConferenceSnapshot, i18n: Translator): ConferenceSnapshot {
  return {
    ...snapshot,
    attendees: snapshot.attendees.map((a) => ({ ...a, roleLabel: roleOf(i18n, a.roleLabel) })),
    chair: {
      ...snapshot.chair,
      decision: { ...snapshot.chair.decision, categories: snapshot.chair.decision.categories.map((c) => categoryOf(i18n, c)) },
      settings: {
        ...snapshot.chair.settings,
        scaleWording:
          snapshot.chair.settings.scaleWording === DEFAULT_SCALE_WORDING
            ? i18n.t('scale.defaultWording')
            : snapshot.chair.settings.scaleWording,
      },
    },
  };
}

/**
 * The summary PDF's fixed wording from the screen's catalogue, for the family's copy in their
 * language (the agencies' copy is English: shared/pdf/messages.ts). What people typed goes in as it
 * is, isolated so its direction holds inside a sentence of the other direction.
 */
export function summaryMessages(i18n: Translator): SummaryMessages {
  const { t } = i18n;
  const kinds = Object.fromEntries(CONFERENCE_KINDS.map((k) => [k, t(`kind.${k}`)])) as SummaryMessages['kinds'];
  const columns = Object.fromEntries(
    COLUMN_IDS.map((c) => [
      c,
      t('pdf.board.column', { label: t(`column.${c}`), familyLabel: t(`column.${c}.family`).toLocaleLowerCase(i18n.tag) }),
    ]),
  ) as Record<ColumnId, string>;
  const sections = Object.fromEntries(
    SAFETY_PLAN_SECTIONS.map((s) => [s, t(`pdf.youngPerson.section.${s}`)]),
  ) as SummaryMessages['youngPerson']['sections'];
  const parts = Object.fromEntries(PART_KINDS.map((k) => [k, t(`pdf.amendments.part.${k}`)])) as Record<
    (typeof PART_KINDS)[number],
    string
  >;
  return {
    lang: i18n.tag,
    dir: i18n.dir,
    title: t('pdf.title'),
    subject: t('pdf.subject'),
    heading: t('pdf.heading'),
    date: (iso) => i18n.date(iso),
    list: (items) => items.join(t('common.listSeparator')),
    kinds,
    outcomes: { cp: t('outcome.cp'), cin: t('outcome.cin'), other: t('outcome.other'), nfa: t('outcome.nfa') },
    about: {
      heading: t('pdf.about'),
      kind: t('pdf.about.kind'),
      date: t('pdf.about.date'),
      chair: t('pdf.about.chair'),
      caseReference: t('pdf.about.caseReference'),
    },
    whoCame: { heading: t('pdf.whoCame'), name: t('pdf.whoCame.name'), hereAs: t('pdf.whoCame.hereAs') },
    apologies: { heading: t('pdf.apologies'), none: t('pdf.apologies.none') },
    children: {
      heading: t('pdf.children'),
      none: t('pdf.children.none'),
      child: (name, age) => t('pdf.child', { name: isolate(name), age: ageOf(i18n, age) }),
    },
    board: {
      heading: t('pdf.board'),
      withUnconfirmed: t('pdf.board.withUnconfirmed'),
      confirmedOnly: t('pdf.board.confirmedOnly'),
      column: (id) => columns[id],
      nothing: t('pdf.board.nothing'),
      item: ({ text, children, note, author, role }) =>
        t('pdf.board.item', {
          text: isolate(text),
          about: children.length ? t('pdf.board.about', { children: children.map(isolate).join(t('common.listSeparator')) }) : '',
          note: note === 'disputed' ? t('pdf.board.disputed') : note === 'not-confirmed' ? t('pdf.board.notConfirmed') : '',
          author: isolate(author),
          role: isolate(roleOf(i18n, role)),
        }),
    },
    dangers: {
      heading: t('pdf.dangers'),
      scale: (wording) => t('pdf.dangers.scale', { wording: isolate(wording) }),
      none: t('pdf.dangers.none'),
      statement: (n) => t('pdf.dangers.statement', { n }),
      goal: t('pdf.dangers.goal'),
      noScores: t('pdf.dangers.noScores'),
      scores: (s) =>
        t('pdf.dangers.scores', { count: s.count, median: s.median ?? 0, min: s.min ?? 0, max: s.max ?? 0, spread: s.spread ?? 0 }),
      head: [t('pdf.dangers.who'), t('pdf.dangers.score'), t('pdf.dangers.nextStep')],
      who: (name, role) => t('common.nameAndRole', { name: isolate(name), role: isolate(roleOf(i18n, role)) }),
      entered: (who) => t('pdf.dangers.entered', { who }),
      leftOut: (count) => t('pdf.dangers.leftOut', { count }),
    },
    plan: {
      heading: t('pdf.plan'),
      none: t('pdf.plan.none'),
      head: [t('pdf.plan.what'), t('pdf.plan.who'), t('pdf.plan.byWhen'), t('pdf.plan.measure'), t('pdf.plan.for')],
    },
    review: {
      trend: (points) =>
        t('pdf.trend', {
          points: points
            .map((p) =>
              t('pdf.trend.point', {
                when:
                  p.reviewNumber === 0
                    ? t('pdf.trend.initial', { date: i18n.date(p.date) })
                    : t('pdf.trend.review', { n: p.reviewNumber, date: i18n.date(p.date) }),
                median: p.median === null ? t('pdf.trend.noScore') : i18n.number(p.median),
              }),
            )
            .join('; '),
        }),
      progressHeading: t('pdf.progress'),
      progressHead: [t('pdf.plan.what'), t('pdf.progress.progress'), t('pdf.progress.note')],
      progress: Object.fromEntries(PROGRESS.map((p) => [p, t(`progress.${p}`)])) as SummaryMessages['review']['progress'],
      notSaid: t('pdf.progress.notSaid'),
    },
    network: {
      heading: t('pdf.network'),
      none: t('pdf.network.none'),
      head: [t('pdf.network.name'), t('pdf.network.who'), t('pdf.network.willDo')],
    },
    contingency: { heading: t('pdf.contingency'), none: t('pdf.contingency.none') },
    recommendations: {
      heading: t('pdf.recommendations'),
      none: t('pdf.recommendations.none'),
      line: (r) =>
        t('pdf.recommendations.line', {
          name: isolate(r.name),
          role: isolate(roleOf(i18n, r.role)),
          outcome: r.outcome,
          reason: isolate(r.reason),
        }),
      dissent: (text) => t('pdf.recommendations.dissent', { text: isolate(text) }),
    },
    decision: {
      heading: t('pdf.decision'),
      none: t('pdf.decision.none'),
      category: (list) => t('pdf.decision.category', { list }),
      reasons: (text) => t('pdf.decision.reasons', { text: isolate(text) }),
    },
    next: {
      heading: t('pdf.next'),
      head: ['', t('pdf.next.when'), t('pdf.next.timescale')],
      coreGroup: t('pdf.next.coreGroup'),
      notNamed: t('pdf.next.notNamed'),
      firstCoreGroup: t('pdf.next.firstCoreGroup'),
      notSet: t('pdf.next.notSet'),
      withinWorkingDays: (days) => t('pdf.next.withinWorkingDays', { days }),
      visits: t('pdf.next.visits'),
      atLeastEvery: (days) => t('pdf.next.atLeastEvery', { days }),
      review: t('pdf.next.review'),
      withinMonths: (months) => t('pdf.next.withinMonths', { months }),
    },
    correction: t('pdf.correction'),
    youngPerson: {
      title: t('pdf.youngPerson.title'),
      heading: t('pdf.youngPerson.heading'),
      planHeading: t('pdf.youngPerson.planHeading'),
      intro: t('pdf.youngPerson.intro'),
      sections,
      nothing: t('pdf.youngPerson.nothing'),
      by: (name, role) => t('pdf.youngPerson.by', { name: isolate(name), role: isolate(roleOf(i18n, role)) }),
    },
    amendments: {
      askBy: (date) => t('pdf.amendments.askBy', { date }),
      changesHeading: (version) => t('pdf.amendments.changesHeading', { version }),
      changesIntro: (version, previous) => t('pdf.amendments.changesIntro', { version, previous }),
      part: (kind) => parts[kind],
      before: t('pdf.amendments.before'),
      now: t('pdf.amendments.now'),
      added: t('pdf.amendments.added'),
      takenOut: t('pdf.amendments.takenOut'),
      asked: (r) =>
        t('pdf.amendments.asked', { name: isolate(r.name), role: isolate(roleOf(i18n, r.role)), date: r.date, wrong: isolate(r.wrong) }),
      note: (text) => t('pdf.amendments.note', { text: isolate(text) }),
    },
    changedAfterAgreement: t('pdf.changedAfterAgreement'),
    page: {
      header: (date) => (date ? t('pdf.page.headerWithDate', { date }) : t('pdf.page.header')),
      notice: t('pdf.page.notice'),
      number: (page, of) => t('pdf.page.number', { page, of }),
      sealed: (recordId, shortHash) => t('pdf.page.sealed', { id: recordId, hash: shortHash }),
      preview: t('pdf.page.preview'),
      version: (n) => t('pdf.page.version', { n }),
      draft: (n) => t('pdf.page.draft', { n }),
    },
  };
}
