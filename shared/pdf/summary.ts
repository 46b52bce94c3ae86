import { jsPDF } from 'jspdf';
import { autoTable } from 'jspdf-autotable';
import { amendmentDeadline, ukDate } from '../model/amendments.js';
import { COLUMNS } from '../model/columns.js';
import { SAFETY_PLAN_SECTIONS } from '../model/schema.js';
import { scoreStats } from '../model/scores.js';
import { shortHash } from '../model/seal.js';
import type { ConferenceSnapshot } from '../model/snapshot.js';
import { FIRST_CORE_GROUP_WORKING_DAYS, MAX_VISIT_INTERVAL_WORKING_DAYS, reviewMonths } from '../model/timescales.js';
import { ENGLISH, isolate, type SummaryMessages } from './messages.js';
import { LATIN_FONT as FONT, LatinText, type TextEngine, type TextStyle } from './text/engine.js';
import type { ShapingKit } from './text/kit.js';
import { facesNeeded, stringsIn, type FaceNeed } from './text/scripts.js';

/**
 * The fonts the summary embeds: DejaVu Sans (Latin with every accent, Greek, Cyrillic) as base64
 * TTF, and, for a record with Arabic, Urdu, Bengali or Gurmukhi text, the shaping engine with the
 * Noto faces `summaryFaces` names (see text/kit.ts).
 */
export interface SummaryFonts {
  regular: string;
  bold: string;
  shaping?: ShapingKit;
}

export interface SummaryOptions {
  /** The fixed wording, in the reader's language; English by default. */
  messages?: SummaryMessages;
  /** The conference's id: printed with the sealed hash on every page, so a copy can be checked. */
  recordId?: string;
}

export const CONFIDENTIALITY_NOTICE = ENGLISH.page.notice;

const PAGE = { width: 210, height: 297, margin: 18, top: 22, bottom: 22 } as const;
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;

/** The Noto font files a record needs (none for a record in Latin script): load them into `SummaryFonts.shaping`. */
export function summaryFaces(snapshot: ConferenceSnapshot, messages: SummaryMessages = ENGLISH): FaceNeed[] {
  return facesNeeded(stringsIn(snapshot), stringsIn(messages), messages.lang);
}

/** The file name: the date and kind, never a name. */
export function summaryFileName(snapshot: ConferenceSnapshot): string {
  const d = snapshot.details;
  const version = snapshot.chair.version > 1 ? `-version-${snapshot.chair.version}` : '';
  return `conference-summary-${d?.date ?? 'undated'}-${d?.kind ?? 'conference'}${version}.pdf`;
}

class Writer {
  y: number = PAGE.top;
  constructor(
    readonly pdf: jsPDF,
    readonly text: TextEngine,
  ) {}

  /** Starts a new page when `height` mm do not fit on this one. */
  ensure(height: number): void {
    if (this.y + height > PAGE.height - PAGE.bottom) {
      this.pdf.addPage();
      this.y = PAGE.top;
    }
  }

  heading(text: string, level: 1 | 2 | 3 = 2): void {
    const size = level === 1 ? 18 : level === 2 ? 14 : 11.5;
    // Keep a heading with at least the first lines of what follows it.
    this.ensure(size * 0.8 + 18);
    const style: TextStyle = { size, bold: true };
    const lines = this.text.lines(text, CONTENT_WIDTH, style);
    // Space above (more for bigger headings), then the baseline one cap height down.
    this.y += (level === 1 ? 0 : level === 2 ? 5 : 3) + size * 0.28;
    lines.forEach((line, i) => {
      if (i > 0) this.y += size * 0.45 + (lines[i - 1]?.extraBelow ?? 0);
      this.y += line.extraAbove;
      this.text.draw(line, PAGE.margin, CONTENT_WIDTH, this.y, style);
    });
    this.y += size * 0.12 + 1.5 + (lines[lines.length - 1]?.extraBelow ?? 0);
    this.pdf.setFont(FONT, 'normal');
  }

  /** A paragraph that wraps and flows across pages; nothing is ever clipped. */
  paragraph(text: string, options: { size?: number; indent?: number; bold?: boolean; gapAfter?: number } = {}): void {
    const size = options.size ?? 10.5;
    const indent = options.indent ?? 0;
    const style: TextStyle = { size, bold: options.bold ?? false };
    const lineHeight = size * 0.45;
    // The indent is on the side the document starts from.
    const x = this.text.rtl ? PAGE.margin : PAGE.margin + indent;
    for (const line of this.text.lines(text, CONTENT_WIDTH - indent, style)) {
      const height = lineHeight + line.extraAbove + line.extraBelow;
      this.ensure(height);
      this.text.draw(line, x, CONTENT_WIDTH - indent, this.y + line.extraAbove + lineHeight * 0.75, style);
      this.y += height;
    }
    this.y += options.gapAfter ?? 2;
    this.pdf.setFont(FONT, 'normal');
  }

  table(head: string[] | null, body: string[][], widths?: number[]): void {
    autoTable(
      this.pdf,
      this.text.table({
        startY: this.y,
        ...(head ? { head: [head] } : {}),
        body,
        margin: { left: PAGE.margin, right: PAGE.margin, top: PAGE.top, bottom: PAGE.bottom },
        styles: { font: FONT, fontSize: 9.5, cellPadding: 1.6, overflow: 'linebreak', valign: 'top' },
        headStyles: { font: FONT, fontStyle: 'bold', fillColor: [29, 79, 145], textColor: 255 },
        showHead: head ? 'everyPage' : 'never',
        rowPageBreak: 'auto',
        columnStyles: widths ? Object.fromEntries(widths.map((w, i) => [i, { cellWidth: w }])) : {},
      }),
    );
    const last = (this.pdf as unknown as { lastAutoTable?: { finalY?: number } }).lastAutoTable;
    this.y = (last?.finalY ?? this.y) + 4;
  }

  /** A 0 to 10 line with each score as a dot, the spread shaded and the median marked. */
  scaleChart(values: number[]): void {
    const height = 16;
    this.ensure(height + 4);
    const left = PAGE.margin + 6;
    const width = 110;
    const x = (v: number): number => left + (v / 10) * width;
    const axisY = this.y + 8;
    const stats = scoreStats(values);
    if (stats.min !== null && stats.max !== null) {
      this.pdf.setFillColor(215, 230, 245);
      this.pdf.rect(x(stats.min), axisY - 3.5, x(stats.max) - x(stats.min), 7, 'F');
    }
    this.pdf.setDrawColor(80, 90, 95);
    this.pdf.setLineWidth(0.4);
    this.pdf.line(x(0), axisY, x(10), axisY);
    this.pdf.setFontSize(7.5);
    for (let v = 0; v <= 10; v++) {
      this.pdf.line(x(v), axisY - 1.2, x(v), axisY + 1.2);
      this.pdf.text(String(v), x(v), axisY + 5, { align: 'center' });
    }
    this.pdf.setFillColor(29, 79, 145);
    values.forEach((v, i) => this.pdf.circle(x(v), axisY - 1.5 - (i % 3) * 1.6, 1.1, 'F'));
    if (stats.median !== null) {
      this.pdf.setDrawColor(164, 38, 44);
      this.pdf.setLineWidth(0.8);
      this.pdf.line(x(stats.median), axisY - 5, x(stats.median), axisY + 3);
    }
    this.y += height;
  }

  /**
   * A review's trajectory: each conference's middle score on a 0 to 10 scale, joined by a line,
   * with the conferences' short labels under it (the text beside it says the same in words).
   */
  trendChart(points: ReadonlyArray<{ label: string; median: number | null }>): void {
    const height = 34;
    this.ensure(height + 4);
    const left = PAGE.margin + 14;
    const width = Math.min(110, 30 * Math.max(points.length - 1, 1));
    const top = this.y + 3;
    const plot = 22;
    const x = (i: number): number => (points.length === 1 ? left : left + (i / (points.length - 1)) * width);
    const y = (v: number): number => top + plot - (v / 10) * plot;
    this.pdf.setDrawColor(80, 90, 95);
    this.pdf.setLineWidth(0.3);
    this.pdf.line(left - 4, y(0), left + width + 4, y(0));
    this.pdf.line(left - 4, y(0), left - 4, y(10));
    this.pdf.setFontSize(7.5);
    for (const v of [0, 5, 10]) this.pdf.text(String(v), left - 6, y(v) + 1, { align: 'right' });
    this.pdf.setDrawColor(29, 79, 145);
    this.pdf.setLineWidth(0.6);
    let last: [number, number] | null = null;
    points.forEach((p, i) => {
      if (p.median === null) return;
      const here: [number, number] = [x(i), y(p.median)];
      if (last) this.pdf.line(last[0], last[1], here[0], here[1]);
      last = here;
    });
    this.pdf.setFillColor(164, 38, 44);
    points.forEach((p, i) => {
      if (p.median !== null) {
        this.pdf.circle(x(i), y(p.median), 1.2, 'F');
        this.pdf.text(String(p.median), x(i) + 2, y(p.median) - 1.5);
      }
      this.pdf.text(p.label, x(i), y(0) + 4.5, { align: 'center' });
    });
    this.y += height;
  }
}

/** Until when changes can be asked for, once the meeting has ended (the general sentence before, or past the bank holiday list). */
function askForChanges(lockedAt: number | null, m: SummaryMessages): string {
  if (lockedAt === null) return m.correction;
  try {
    return m.amendments.askBy(m.date(amendmentDeadline(lockedAt)));
  } catch {
    return m.correction;
  }
}

/**
 * The summary of the conference as a PDF: a pure function from a snapshot of the documents to
 * bytes, the same in the browser and in Node. Plain words, headings a parent can follow, page
 * numbers and a confidentiality notice on every page. The fixed wording comes from
 * `options.messages` (English by default); what people typed is written as they typed it.
 */
export function buildSummaryPdf(snapshot: ConferenceSnapshot, fonts: SummaryFonts, options: SummaryOptions = {}): Uint8Array {
  const m = options.messages ?? ENGLISH;
  const missing = summaryFaces(snapshot, m).filter(
    (need) => !fonts.shaping?.faces.some((f) => f.face === need.face && f.weight === need.weight),
  );
  if (missing.length)
    throw new Error(`The PDF needs fonts that were not loaded: ${missing.map((f) => `${f.face} ${f.weight}`).join(', ')}.`);
  const pdf = new jsPDF({ unit: 'mm', format: 'a4', compress: true });
  pdf.addFileToVFS('DejaVuSans.ttf', fonts.regular);
  pdf.addFont('DejaVuSans.ttf', FONT, 'normal');
  pdf.addFileToVFS('DejaVuSans-Bold.ttf', fonts.bold);
  pdf.addFont('DejaVuSans-Bold.ttf', FONT, 'bold');
  pdf.setFont(FONT, 'normal');
  const youngPerson = snapshot.details?.kind === 'young-person';
  pdf.setProperties({ title: youngPerson ? m.youngPerson.title : m.title, subject: m.subject });
  // A sealed version is the same file every time it is made: its date is when it was sealed and
  // its file id comes from its hash (jsPDF would otherwise take the time now and a random id).
  const sealed = snapshot.chair.sealedHash !== null && snapshot.chair.sealedAt !== null && !snapshot.chair.amending;
  if (sealed) {
    pdf.setCreationDate(new Date(snapshot.chair.sealedAt as number));
    pdf.setFileId((snapshot.chair.sealedHash as string).slice(0, 32).toUpperCase());
  }
  pdf.setLanguage(m.lang as Parameters<jsPDF['setLanguage']>[0]);
  const text = fonts.shaping
    ? fonts.shaping.createEngine(pdf, { language: m.lang.split('-')[0] ?? m.lang, rtl: m.dir === 'rtl' })
    : new LatinText(pdf);
  const w = new Writer(pdf, text);
  const d = snapshot.details;
  const { chair } = snapshot;
  const date = (iso: string): string => m.date(iso);
  const names = (items: readonly string[]): string => m.list(items.map(isolate));
  const changedAfter = new Set(snapshot.changedAfterAgreement);
  const changed = (id: string): boolean => changedAfter.has(id);
  const marked = (text: string, id: string): string => (changed(id) ? `${text} ${m.changedAfterAgreement}` : text);

  w.heading(youngPerson ? m.youngPerson.heading : m.heading, 1);
  // 1. The conference
  w.heading(m.about.heading);
  w.table(
    null,
    [
      [m.about.kind, d ? m.kinds[d.kind] : ''],
      [m.about.date, d ? date(d.date) : ''],
      [m.about.chair, d?.chairName ?? ''],
      [m.about.caseReference, d?.caseReference ?? ''],
    ],
    [50, CONTENT_WIDTH - 50],
  );
  w.heading(m.whoCame.heading, 3);
  w.table(
    [m.whoCame.name, m.whoCame.hereAs],
    snapshot.attendees.map((a) => [a.name, a.roleLabel]),
    [80, CONTENT_WIDTH - 80],
  );
  w.heading(m.apologies.heading, 3);
  w.paragraph(snapshot.apologies.length ? names(snapshot.apologies) : m.apologies.none);

  // 2. The children
  w.heading(m.children.heading);
  w.paragraph((d?.children ?? []).map((c) => m.children.child(c.name, c.age)).join('\n') || m.children.none);

  // 3. The board
  w.heading(m.board.heading);
  const mark = chair.settings.proposedInRecord === 'mark';
  w.paragraph(mark ? m.board.withUnconfirmed : m.board.confirmedOnly, { size: 9.5 });
  const childName = (i: number): string => d?.children[i]?.name ?? '';
  for (const column of COLUMNS) {
    const items = snapshot.board[column.id].filter((c) => c.confirmed || mark);
    w.heading(m.board.column(column.id), 3);
    if (items.length === 0) w.paragraph(m.board.nothing, { size: 9.5 });
    for (const item of items) {
      const note = item.confirmed ? null : item.disputed ? 'disputed' : 'not-confirmed';
      const children = item.children.map(childName);
      const line = m.board.item({ text: item.text, children, note, author: item.author.name, role: item.author.roleLabel });
      w.paragraph(changed(item.id) ? `${line} ${m.changedAfterAgreement}` : line, { indent: 2, gapAfter: 1 });
    }
  }

  // 4. Danger statements, goals and scales
  w.heading(m.dangers.heading);
  w.paragraph(m.dangers.scale(chair.settings.scaleWording), { size: 9.5 });
  if (chair.scoresLeftOut > 0) w.paragraph(m.dangers.leftOut(chair.scoresLeftOut), { bold: true });
  if (snapshot.pairs.length === 0) w.paragraph(m.dangers.none);
  snapshot.pairs.forEach((pair, i) => {
    w.heading(m.dangers.statement(i + 1), 3);
    w.paragraph(marked(pair.danger, pair.id));
    w.paragraph(m.dangers.goal, { bold: true, gapAfter: 0.5 });
    w.paragraph(pair.goal);
    const scores = snapshot.scores.filter((s) => s.pairId === pair.id);
    const stats = scoreStats(scores.map((s) => s.value));
    w.paragraph(stats.count === 0 ? m.dangers.noScores : m.dangers.scores(stats), { bold: true });
    if (scores.length > 0) {
      w.scaleChart(scores.map((s) => s.value));
      w.table(
        m.dangers.head,
        scores.map((s) => [
          s.enteredBy ? m.dangers.entered(m.dangers.who(s.name, s.roleLabel)) : m.dangers.who(s.name, s.roleLabel),
          String(s.value),
          s.nextStep,
        ]),
        [55, 16, CONTENT_WIDTH - 71],
      );
    }
    // A review: the middle score at every conference of the chain, this one last.
    if (pair.history.length > 0) {
      const points = [
        ...pair.history.map((h, n) => ({ reviewNumber: n, date: h.date, median: h.median })),
        { reviewNumber: pair.history.length, date: d?.date ?? '', median: stats.median },
      ];
      // Under each point its date in digits (the same in every script); the sentence after says it in words.
      w.trendChart(points.map((p) => ({ label: p.date.split('-').reverse().join('/'), median: p.median })));
      w.paragraph(m.review.trend(points), { size: 9.5 });
    }
  });

  // 5. The plan (in a young person's conference: their own safety plan, in six parts)
  const pairIndex = (id: string | null): string => {
    const i = snapshot.pairs.findIndex((p) => p.id === id);
    return i >= 0 ? m.dangers.statement(i + 1) : '';
  };
  const actionTable = (actions: typeof snapshot.actions): void =>
    w.table(
      m.plan.head,
      actions.map((a) => [
        marked(a.what, a.id),
        a.who,
        a.byWhen ? date(a.byWhen) : '',
        a.measure,
        [pairIndex(a.pairId), names(a.children.map(childName))].filter(Boolean).join('; '),
      ]),
      [52, 28, 26, 46, CONTENT_WIDTH - 152],
    );
  if (youngPerson) {
    w.heading(m.youngPerson.planHeading);
    w.paragraph(m.youngPerson.intro, { size: 9.5 });
    for (const section of SAFETY_PLAN_SECTIONS) {
      w.heading(m.youngPerson.sections[section], 3);
      const entries = snapshot.safetyPlan.filter((e) => e.section === section);
      const actions = snapshot.actions.filter((a) => a.section === section);
      if (entries.length === 0 && actions.length === 0) w.paragraph(m.youngPerson.nothing, { size: 9.5 });
      for (const e of entries) w.paragraph(`• ${isolate(e.text)}  ${m.youngPerson.by(e.addedBy.name, e.addedBy.roleLabel)}`, { indent: 2, gapAfter: 1 });
      if (actions.length) actionTable(actions);
    }
    const others = snapshot.actions.filter((a) => a.section === null);
    if (others.length) {
      w.heading(m.plan.heading, 3);
      actionTable(others);
    }
  } else {
    w.heading(m.plan.heading);
    if (snapshot.actions.length === 0) w.paragraph(m.plan.none);
    else actionTable(snapshot.actions);
  }
  // A review: how far each action carried from the last conference got.
  const carried = snapshot.actions.filter((a) => a.origin !== null);
  if (carried.length > 0) {
    w.heading(m.review.progressHeading, 3);
    w.table(
      m.review.progressHead,
      carried.map((a) => [a.what, a.progress ? m.review.progress[a.progress] : m.review.notSaid, a.progressNote]),
      [70, 34, CONTENT_WIDTH - 104],
    );
  }

  // 6. Safety network
  w.heading(m.network.heading);
  const safety = snapshot.network.filter((p) => p.inSafetyNetwork);
  if (safety.length === 0) w.paragraph(m.network.none);
  else
    w.table(
      m.network.head,
      safety.map((p) => [p.name, p.relationship, marked(p.willDo, p.id)]),
      [40, 40, CONTENT_WIDTH - 80],
    );

  // 7. Contingency
  w.heading(m.contingency.heading);
  w.paragraph(snapshot.contingency.trim() ? marked(snapshot.contingency.trim(), 'contingency') : m.contingency.none);

  // 8. Recommendations
  w.heading(m.recommendations.heading);
  if (snapshot.recommendations.length === 0) w.paragraph(m.recommendations.none);
  for (const r of snapshot.recommendations) {
    w.paragraph(m.recommendations.line({ name: r.name, role: r.roleLabel, outcome: m.outcomes[r.recommendation], reason: r.reason }), {
      gapAfter: r.dissent ? 0.5 : 2,
    });
    if (r.dissent) w.paragraph(m.recommendations.dissent(r.dissent), { indent: 4 });
  }

  // 9. Decision
  w.heading(m.decision.heading);
  if (chair.decision.outcome) {
    w.paragraph(m.outcomes[chair.decision.outcome], { bold: true, size: 12 });
    if (chair.decision.categories.length) w.paragraph(m.decision.category(names(chair.decision.categories)));
    w.paragraph(m.decision.reasons(chair.decision.rationale));
  } else w.paragraph(m.decision.none);

  // 10. Next steps
  w.heading(m.next.heading);
  const n = snapshot.nextSteps;
  w.table(
    m.next.head,
    [
      [m.next.coreGroup, names(n.coreGroup) || m.next.notNamed, ''],
      [
        m.next.firstCoreGroup,
        n.firstCoreGroup ? date(n.firstCoreGroup) : m.next.notSet,
        m.next.withinWorkingDays(FIRST_CORE_GROUP_WORKING_DAYS),
      ],
      [
        m.next.visits,
        n.visitEveryWorkingDays ? m.next.atLeastEvery(n.visitEveryWorkingDays) : m.next.notSet,
        m.next.atLeastEvery(MAX_VISIT_INTERVAL_WORKING_DAYS),
      ],
      [m.next.review, n.review ? date(n.review) : m.next.notSet, d ? m.next.withinMonths(reviewMonths(d.kind)) : ''],
    ],
    [42, 70, CONTENT_WIDTH - 112],
  );
  w.paragraph(askForChanges(chair.lockedAt, m), { size: 9.5 });

  // A later version: what changed since the version before, and why, on pages of their own.
  if (chair.version > 1 && chair.versionChanges.length > 0) {
    pdf.addPage();
    w.y = PAGE.top;
    w.heading(m.amendments.changesHeading(chair.version));
    w.paragraph(m.amendments.changesIntro(chair.version, chair.version - 1), { size: 9.5 });
    for (const change of chair.versionChanges) {
      w.heading(m.amendments.part(change.kind), 3);
      w.paragraph(`${m.amendments.before}: ${change.before ? isolate(change.before) : m.amendments.added}`, { indent: 2, gapAfter: 1 });
      w.paragraph(`${m.amendments.now}: ${change.after ? isolate(change.after) : m.amendments.takenOut}`, { indent: 2, bold: true, gapAfter: 1 });
      for (const r of change.requests)
        w.paragraph(m.amendments.asked({ name: r.name, role: r.roleLabel, date: date(ukDate(r.askedAt)), wrong: r.wrong }), { indent: 2, size: 9.5, gapAfter: 1 });
      if (change.note) w.paragraph(m.amendments.note(change.note), { indent: 2, size: 9.5 });
    }
  }

  // Every page: a header, the record's id and check code (or that it is a preview), the
  // confidentiality notice and "page X of Y".
  const pages = pdf.getNumberOfPages();
  const small: TextStyle = { size: 8 };
  const header = text.lines(m.page.header(d ? date(d.date) : null), CONTENT_WIDTH, small);
  const sealLine = chair.amending
    ? m.page.draft(chair.version + 1)
    : chair.sealedHash && options.recordId
      ? `${m.page.sealed(options.recordId, shortHash(chair.sealedHash))}${chair.version > 1 ? ` · ${m.page.version(chair.version)}` : ''}`
      : m.page.preview;
  const [seal] = text.lines(sealLine, CONTENT_WIDTH, small);
  const notice = text.lines(m.page.notice, CONTENT_WIDTH - 28, small);
  for (let i = 1; i <= pages; i++) {
    pdf.setPage(i);
    pdf.setFont(FONT, 'normal');
    pdf.setFontSize(8);
    pdf.setTextColor(80, 80, 80);
    // Two lines, so that a long date and a long check line never run into each other.
    if (header[0]) text.draw(header[0], PAGE.margin, CONTENT_WIDTH, 10, small);
    if (seal) text.draw(seal, PAGE.margin, CONTENT_WIDTH, 13.5, small, 'end');
    // The notice starts where the document starts; the page number sits at the other side.
    const noticeX = text.rtl ? PAGE.margin + 28 : PAGE.margin;
    notice.forEach((line, k) => text.draw(line, noticeX, CONTENT_WIDTH - 28, PAGE.height - 13 + k * 3.4, small));
    const [number] = text.lines(m.page.number(i, pages), CONTENT_WIDTH, small);
    if (number) text.draw(number, PAGE.margin, CONTENT_WIDTH, PAGE.height - 13, small, 'end');
    pdf.setTextColor(0, 0, 0);
  }
  return new Uint8Array(pdf.output('arraybuffer'));
}
