import { jsPDF } from 'jspdf';
import { autoTable } from 'jspdf-autotable';
import { COLUMNS } from '../model/columns.js';
import { CONFERENCE_KIND_LABELS } from '../model/details.js';
import { OUTCOMES } from '../model/chair.js';
import { scoreStats } from '../model/scores.js';
import type { ConferenceSnapshot } from '../model/snapshot.js';
import { longDate } from '../model/workingDays.js';
import { FIRST_CORE_GROUP_WORKING_DAYS, MAX_VISIT_INTERVAL_WORKING_DAYS, reviewMonths } from '../model/timescales.js';

/** The font the summary embeds (DejaVu Sans: Latin with every accent, Greek, Cyrillic), as base64 TTF. */
export interface SummaryFonts {
  regular: string;
  bold: string;
}

export const CONFIDENTIALITY_NOTICE =
  'Confidential. This record is for the family and the agencies at the conference. Share it only to protect a child or with the chair’s permission.';

const PAGE = { width: 210, height: 297, margin: 18, top: 22, bottom: 22 } as const;
const FONT = 'DejaVuSans';
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;

/** The file name: the date and kind, never a name. */
export function summaryFileName(snapshot: ConferenceSnapshot): string {
  const d = snapshot.details;
  return `conference-summary-${d?.date ?? 'undated'}-${d?.kind ?? 'conference'}.pdf`;
}

class Writer {
  y: number = PAGE.top;
  constructor(readonly pdf: jsPDF) {}

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
    this.pdf.setFont(FONT, 'bold');
    this.pdf.setFontSize(size);
    const lines = this.pdf.splitTextToSize(text, CONTENT_WIDTH) as string[];
    // Space above (more for bigger headings), then the baseline one cap height down.
    this.y += (level === 1 ? 0 : level === 2 ? 5 : 3) + size * 0.28;
    lines.forEach((line, i) => {
      if (i > 0) this.y += size * 0.45;
      this.pdf.text(line, PAGE.margin, this.y);
    });
    this.y += size * 0.12 + 1.5;
    this.pdf.setFont(FONT, 'normal');
  }

  /** A paragraph that wraps and flows across pages; nothing is ever clipped. */
  paragraph(text: string, options: { size?: number; indent?: number; bold?: boolean; gapAfter?: number } = {}): void {
    const size = options.size ?? 10.5;
    const indent = options.indent ?? 0;
    this.pdf.setFont(FONT, options.bold ? 'bold' : 'normal');
    this.pdf.setFontSize(size);
    const lineHeight = size * 0.45;
    for (const raw of text.split('\n')) {
      const lines = this.pdf.splitTextToSize(raw === '' ? ' ' : raw, CONTENT_WIDTH - indent) as string[];
      for (const line of lines) {
        this.ensure(lineHeight);
        this.pdf.text(line, PAGE.margin + indent, this.y + lineHeight * 0.75);
        this.y += lineHeight;
      }
    }
    this.y += options.gapAfter ?? 2;
    this.pdf.setFont(FONT, 'normal');
  }

  table(head: string[] | null, body: string[][], widths?: number[]): void {
    autoTable(this.pdf, {
      startY: this.y,
      ...(head ? { head: [head] } : {}),
      body,
      margin: { left: PAGE.margin, right: PAGE.margin, top: PAGE.top, bottom: PAGE.bottom },
      styles: { font: FONT, fontSize: 9.5, cellPadding: 1.6, overflow: 'linebreak', valign: 'top' },
      headStyles: { font: FONT, fontStyle: 'bold', fillColor: [29, 79, 145], textColor: 255 },
      showHead: head ? 'everyPage' : 'never',
      rowPageBreak: 'auto',
      columnStyles: widths ? Object.fromEntries(widths.map((w, i) => [i, { cellWidth: w }])) : {},
    });
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
}

/**
 * The summary of the conference as a PDF: a pure function from a snapshot of the documents to
 * bytes, the same in the browser and in Node. Plain words, headings a parent can follow, page
 * numbers and a confidentiality notice on every page.
 */
export function buildSummaryPdf(snapshot: ConferenceSnapshot, fonts: SummaryFonts): Uint8Array {
  const pdf = new jsPDF({ unit: 'mm', format: 'a4', compress: true });
  pdf.addFileToVFS('DejaVuSans.ttf', fonts.regular);
  pdf.addFont('DejaVuSans.ttf', FONT, 'normal');
  pdf.addFileToVFS('DejaVuSans-Bold.ttf', fonts.bold);
  pdf.addFont('DejaVuSans-Bold.ttf', FONT, 'bold');
  pdf.setFont(FONT, 'normal');
  pdf.setProperties({ title: 'Child protection conference: summary', subject: 'Conference summary and outline plan' });
  const w = new Writer(pdf);
  const d = snapshot.details;
  const { chair } = snapshot;

  w.heading('Child protection conference: summary and plan', 1);
  // 1. The conference
  w.heading('About the conference');
  w.table(
    null,
    [
      ['Kind of conference', d ? CONFERENCE_KIND_LABELS[d.kind] : ''],
      ['Date', d ? longDate(d.date) : ''],
      ['Chair', d?.chairName ?? ''],
      ['Case reference', d?.caseReference ?? ''],
    ],
    [50, CONTENT_WIDTH - 50],
  );
  w.heading('Who came', 3);
  w.table(
    ['Name', 'Here as'],
    snapshot.attendees.map((a) => [a.name, a.roleLabel]),
    [80, CONTENT_WIDTH - 80],
  );
  w.heading('Apologies (invited but could not come)', 3);
  w.paragraph(snapshot.apologies.length ? snapshot.apologies.join(', ') : 'None.');

  // 2. The children
  w.heading('The children');
  w.paragraph(
    (d?.children ?? []).map((c) => `${c.name}, ${c.age === 0 ? 'under one' : `${c.age} years old`}`).join('\n') || 'None recorded.',
  );

  // 3. The board
  w.heading('What everyone shared');
  const mark = chair.settings.proposedInRecord === 'mark';
  w.paragraph(
    mark
      ? 'Items the chair confirmed as accurate, and (marked “not confirmed”) items that were not confirmed.'
      : 'Items the chair confirmed as accurate. Items that were not confirmed are left out.',
    { size: 9.5 },
  );
  const childName = (i: number): string => d?.children[i]?.name ?? '';
  for (const column of COLUMNS) {
    const items = snapshot.board[column.id].filter((c) => c.confirmed || mark);
    w.heading(`${column.label}: ${column.familyLabel.toLowerCase()}`, 3);
    if (items.length === 0) w.paragraph('Nothing recorded.', { size: 9.5 });
    for (const item of items) {
      const about = item.children.length ? ` (about ${item.children.map(childName).join(', ')})` : '';
      const note = item.confirmed ? '' : item.disputed ? ' [disputed]' : ' [not confirmed]';
      w.paragraph(`• ${item.text}${about}${note}  (${item.author.name}, ${item.author.roleLabel})`, { indent: 2, gapAfter: 1 });
    }
  }

  // 4. Danger statements, goals and scales
  w.heading('What we are worried about, and what needs to happen');
  w.paragraph(`The safety scale: ${chair.settings.scaleWording}`, { size: 9.5 });
  if (snapshot.pairs.length === 0) w.paragraph('No danger statements were written.');
  snapshot.pairs.forEach((pair, i) => {
    w.heading(`Danger statement ${i + 1}`, 3);
    w.paragraph(pair.danger);
    w.paragraph('Safety goal', { bold: true, gapAfter: 0.5 });
    w.paragraph(pair.goal);
    const scores = snapshot.scores.filter((s) => s.pairId === pair.id);
    const stats = scoreStats(scores.map((s) => s.value));
    w.paragraph(
      stats.count === 0
        ? 'No scores were given.'
        : `Scores: ${stats.count}. Middle score (median): ${stats.median}. From ${stats.min} to ${stats.max} (a spread of ${stats.spread}).`,
      { bold: true },
    );
    if (scores.length > 0) {
      w.scaleChart(scores.map((s) => s.value));
      w.table(
        ['Who', 'Score', 'What would move it up one point'],
        scores.map((s) => [`${s.name}, ${s.roleLabel}`, String(s.value), s.nextStep]),
        [55, 16, CONTENT_WIDTH - 71],
      );
    }
  });

  // 5. The plan
  w.heading('The plan: who does what, by when');
  const pairIndex = (id: string | null): string => {
    const i = snapshot.pairs.findIndex((p) => p.id === id);
    return i >= 0 ? `Danger statement ${i + 1}` : '';
  };
  if (snapshot.actions.length === 0) w.paragraph('No actions were agreed.');
  else
    w.table(
      ['What', 'Who', 'By when', 'How we will know it worked', 'For'],
      snapshot.actions.map((a) => [
        a.what,
        a.who,
        a.byWhen ? longDate(a.byWhen) : '',
        a.measure,
        [pairIndex(a.pairId), a.children.map(childName).join(', ')].filter(Boolean).join('; '),
      ]),
      [52, 28, 26, 46, CONTENT_WIDTH - 152],
    );

  // 6. Safety network
  w.heading('The safety network');
  const safety = snapshot.network.filter((p) => p.inSafetyNetwork);
  if (safety.length === 0) w.paragraph('Nobody was named.');
  else
    w.table(
      ['Name', 'Who they are', 'What they will do'],
      safety.map((p) => [p.name, p.relationship, p.willDo]),
      [40, 40, CONTENT_WIDTH - 80],
    );

  // 7. Contingency
  w.heading('What happens if things do not change (contingency plan)');
  w.paragraph(snapshot.contingency.trim() || 'No contingency plan was written.');

  // 8. Recommendations
  w.heading('What each professional recommended');
  if (snapshot.recommendations.length === 0) w.paragraph('No recommendations were recorded.');
  for (const r of snapshot.recommendations) {
    w.paragraph(`${r.name}, ${r.roleLabel}: ${OUTCOMES[r.recommendation]}. ${r.reason}`, { gapAfter: r.dissent ? 0.5 : 2 });
    if (r.dissent) w.paragraph(`Disagreed with the decision: ${r.dissent}`, { indent: 4 });
  }

  // 9. Decision
  w.heading('The decision');
  if (chair.decision.outcome) {
    w.paragraph(OUTCOMES[chair.decision.outcome], { bold: true, size: 12 });
    if (chair.decision.categories.length) w.paragraph(`Category: ${chair.decision.categories.join(', ')}`);
    w.paragraph(`The chair’s reasons: ${chair.decision.rationale}`);
  } else w.paragraph('The chair did not record a decision.');

  // 10. Next steps
  w.heading('What happens next');
  const n = snapshot.nextSteps;
  w.table(
    ['', 'When', 'Timescale'],
    [
      ['Core group', n.coreGroup.join(', ') || 'Not named', ''],
      [
        'First core group meeting',
        n.firstCoreGroup ? longDate(n.firstCoreGroup) : 'Not set',
        `Within ${FIRST_CORE_GROUP_WORKING_DAYS} working days of the conference`,
      ],
      [
        'Social work visits',
        n.visitEveryWorkingDays ? `At least every ${n.visitEveryWorkingDays} working days` : 'Not set',
        `At least every ${MAX_VISIT_INTERVAL_WORKING_DAYS} working days`,
      ],
      ['Review conference', n.review ? longDate(n.review) : 'Not set', d ? `Within ${reviewMonths(d.kind)} months` : ''],
    ],
    [42, 70, CONTENT_WIDTH - 112],
  );
  w.paragraph('If you think something in this record is wrong, tell the chair within 5 working days and ask for it to be changed.', {
    size: 9.5,
  });

  // Every page: a header, the confidentiality notice and "page X of Y".
  const pages = pdf.getNumberOfPages();
  for (let i = 1; i <= pages; i++) {
    pdf.setPage(i);
    pdf.setFont(FONT, 'normal');
    pdf.setFontSize(8);
    pdf.setTextColor(80, 80, 80);
    pdf.text(`Child protection conference${d ? `, ${longDate(d.date)}` : ''}`, PAGE.margin, 11);
    const notice = pdf.splitTextToSize(CONFIDENTIALITY_NOTICE, CONTENT_WIDTH - 28) as string[];
    notice.forEach((line, k) => pdf.text(line, PAGE.margin, PAGE.height - 13 + k * 3.4));
    pdf.text(`page ${i} of ${pages}`, PAGE.width - PAGE.margin, PAGE.height - 13, { align: 'right' });
    pdf.setTextColor(0, 0, 0);
  }
  return new Uint8Array(pdf.output('arraybuffer'));
}
