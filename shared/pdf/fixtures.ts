import * as Y from 'yjs';
import {
  addAction,
  addCard,
  addDangerPair,
  addNetworkPerson,
  initChairDoc,
  initConferenceDoc,
  recordAttendance,
  recordDecision,
  setApologies,
  setCardChildren,
  setConfirmed,
  setDisputed,
  setRecommendation,
  setContingency,
  updateNextSteps,
  writeConferenceDetails,
  writeScores,
  COLUMN_IDS,
  type Author,
  type ConferenceDetails,
} from '../model/index.js';

/** Conferences for PDF tests and the benchmark: built with the real model functions. */
export interface Fixture {
  doc: Y.Doc;
  chairDoc: Y.Doc;
  /** Texts that must appear in the record. */
  confirmedTexts: string[];
  proposedTexts: string[];
  actionTexts: string[];
  names: string[];
}

const NAMES = [
  'Zoë Adebayo',
  'Łukasz Nowak',
  'Şükrü Yılmaz',
  'Nguyễn Thị Mai',
  'Ruth Ellis',
  'Amira Khan',
  'Seán Ó Briain',
  'Chloé Dubois',
  'Jürgen Müller',
  'Ana Sofía Pérez',
  'Dmitrij Ivanov',
  'Owain Pryce',
];

export function buildFixture(size: 'small' | 'large'): Fixture {
  const large = size === 'large';
  const doc = new Y.Doc();
  const chairDoc = new Y.Doc();
  initConferenceDoc(doc, 1);
  initChairDoc(chairDoc);
  const details: ConferenceDetails = {
    kind: 'initial',
    date: '2026-11-23',
    caseReference: 'CP-2026-0147',
    chairName: 'Ruth Ellis',
    children: large
      ? [
          { name: 'Zoë', age: 7 },
          { name: 'Łukasz', age: 4 },
          { name: 'Mai', age: 0 },
        ]
      : [{ name: 'Zoë', age: 7 }],
  };
  writeConferenceDetails(doc, details);
  const people: Author[] = NAMES.slice(0, large ? 12 : 4).map((name, i) => ({
    id: `person-${i}`,
    name,
    roleLabel:
      i === 0
        ? 'Mum'
        : i === 2
          ? 'Dad'
          : i === 4
            ? 'Chair'
            : (['Social worker', 'School', 'Health visitor', 'Police', 'GP'][i % 5] ?? 'School'),
    role: i === 0 || i === 2 ? 'family' : i === 4 ? 'chair' : 'professional',
  }));
  for (const p of people) recordAttendance(doc, p);
  /** Who writes the danger statements and the contingency plan: the chair in the large conference, a professional in the small one. */
  const lead = (people[4] ?? people[1]) as Author;
  setApologies(doc, ['Dr Siân Roberts (GP)']);
  const confirmedTexts: string[] = [];
  const proposedTexts: string[] = [];
  const items = large ? 300 : 10;
  for (let i = 0; i < items; i++) {
    const author = people[i % people.length] as Author;
    const text =
      i === 7
        ? `Item ${i}: a long account. ${'The family described the week in detail, what went well and what was hard, and what helped them. '.repeat(19)}End of item ${i}.`
        : `Item ${i}: ${author.name.split(' ')[0]} said the mornings are ${i % 2 ? 'calmer' : 'still hard'} since the last visit (${i}).`;
    const card = addCard(doc, { column: COLUMN_IDS[i % 5] as (typeof COLUMN_IDS)[number], text, author });
    if (large && i % 3 === 0) setCardChildren(doc, card.id, [i % 3, (i + 1) % 3], author);
    if (i % 10 === 9) {
      setDisputed(chairDoc, card.id, true);
      proposedTexts.push(text);
    } else if (i % 10 === 8) proposedTexts.push(text);
    else {
      setConfirmed(chairDoc, card.id, true);
      confirmedTexts.push(text);
    }
  }
  const pairs: string[] = [];
  for (let i = 0; i < (large ? 4 : 1); i++) {
    pairs.push(
      addDangerPair(
        doc,
        {
          danger: `Danger ${i + 1}: the school and ${people[1]?.name} are worried that when the evenings go badly nobody makes tea, and ${details.children[i % details.children.length]?.name} comes to school hungry; if nothing changes she could become ill.`,
          goal: `Goal ${i + 1}: the parents will make sure there is an evening meal every day, the children will go to bed by 8, and school will see them arrive fed and rested, for six months.`,
        },
        lead,
        i,
      ),
    );
  }
  writeScores(
    doc,
    pairs.flatMap((pairId, k) =>
      people.map((p, i) => ({
        pairId,
        subject: p.id,
        participantId: p.id,
        enteredBy: null,
        name: p.name,
        roleLabel: p.roleLabel,
        role: p.role,
        value: (i * 3 + k) % 11,
        nextStep: `More regular meals (${p.name})`,
        at: i,
      })),
    ),
  );
  const actionTexts: string[] = [];
  for (let i = 0; i < (large ? 40 : 3); i++) {
    const what = `Action ${i + 1}: ${people[i % people.length]?.name} will ${i % 4 === 0 ? 'engage with support' : 'meet the family support worker every Tuesday'} (${i + 1})`;
    actionTexts.push(what);
    addAction(
      doc,
      {
        what,
        who: people[i % people.length]?.name ?? '',
        byWhen: i % 5 === 0 ? '' : '2027-01-15',
        measure: i % 4 === 0 ? '' : 'Attendance sheet signed each week',
        pairId: pairs[i % pairs.length] ?? null,
        children: large ? [i % 3] : [],
      },
      people[i % people.length] as Author,
    );
  }
  addNetworkPerson(
    doc,
    { name: 'Ada Nowak', relationship: 'Gran', inSafetyNetwork: true, willDo: 'Stays over on Thursdays' },
    people[0] as Author,
  );
  addNetworkPerson(
    doc,
    { name: 'Björn Sørensen', relationship: 'Neighbour', inSafetyNetwork: true, willDo: 'Walks Zoë to school on Mondays' },
    people[0] as Author,
  );
  setContingency(
    doc,
    'If Zoë keeps arriving hungry, we will meet within a week and the social worker will ask for legal advice, because it could lead to a court being asked to decide.',
    lead,
  );
  for (const p of people.filter((x) => x.role === 'professional')) {
    setRecommendation(doc, p, {
      recommendation: 'cp',
      reason: `${p.name}: the evenings are a real worry.`,
      dissent: p.name.startsWith('Owain') ? 'A child in need plan would be enough.' : '',
    });
  }
  recordDecision(chairDoc, {
    outcome: 'cp',
    categories: ['Neglect'],
    rationale: 'Zoë needs regular meals and sleep; a plan helps everyone make sure she gets them.',
  });
  updateNextSteps(doc, {
    coreGroup: people.slice(0, 4).map((p) => `${p.name} (${p.roleLabel})`),
    firstCoreGroup: '2026-12-07',
    visitEveryWorkingDays: 10,
    review: '2027-02-23',
  });
  return { doc, chairDoc, confirmedTexts, proposedTexts, actionTexts, names: people.map((p) => p.name) };
}
