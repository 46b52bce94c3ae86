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

/**
 * A conference whose family and professionals write in Urdu, Arabic, Bengali, Punjabi (Gurmukhi)
 * and Polish, for the tests of the PDF's scripts. `texts` are strings the record must hold as typed.
 */
export function buildScriptsFixture(): Fixture & { texts: string[] } {
  const doc = new Y.Doc();
  const chairDoc = new Y.Doc();
  initConferenceDoc(doc, 1);
  initChairDoc(chairDoc);
  const details: ConferenceDetails = {
    kind: 'initial',
    date: '2026-12-04',
    caseReference: 'CP-2026-0311',
    chairName: 'Ruth Ellis',
    children: [
      { name: 'زینب', age: 6 },
      { name: 'Łucja', age: 4 },
    ],
  };
  writeConferenceDetails(doc, details);
  const person = (id: string, name: string, roleLabel: string, role: Author['role']): Author => ({ id, name, roleLabel, role });
  const people: Author[] = [
    person('person-ur', 'عائشہ خان', 'امی', 'family'),
    person('person-ar', 'محمد الأحمد', 'الأب', 'family'),
    person('person-bn', 'রহিমা খাতুন', 'Health visitor', 'professional'),
    person('person-pa', 'ਗੁਰਪ੍ਰੀਤ ਕੌਰ', 'School', 'professional'),
    person('person-pl', 'Małgorzata Wójcik', 'Social worker', 'professional'),
    person('person-ch', 'Ruth Ellis', 'Chair', 'chair'),
  ];
  for (const p of people) recordAttendance(doc, p);
  setApologies(doc, ['ہرجیت سنگھ (GP)']);
  const items: Array<[number, string]> = [
    [0, 'ہم ہر شام بچوں کو کھانا دیں گے'],
    [0, 'زینب 6 سال کی ہے اور سکول جاتی ہے'],
    [1, 'الجدة ستبقى معهم ليلة الخميس'],
    [1, 'موعد الطبيب يوم 15 يناير الساعة 10:30'],
    [2, 'মা প্রতিদিন সকালে বাচ্চাদের স্কুলে নিয়ে যান'],
    [2, 'স্বাস্থ্য পরীক্ষা হয়েছে, কোনো সমস্যা নেই'],
    [3, 'ਬੱਚੇ ਹਰ ਰੋਜ਼ ਸਕੂਲ ਜਾਂਦੇ ਹਨ'],
    [3, 'ਦਾਦੀ ਜੀ ਵੀਰਵਾਰ ਨੂੰ ਰਾਤ ਰਹਿੰਦੇ ਹਨ'],
    [4, 'Mama odprowadza dzieci do szkoły każdego ranka'],
    [4, 'School says زینب arrives hungry on Mondays (3 times in 4 weeks)'],
  ];
  const confirmedTexts: string[] = [];
  items.forEach(([who, text], i) => {
    const card = addCard(doc, { column: COLUMN_IDS[i % 5] as (typeof COLUMN_IDS)[number], text, author: people[who] as Author });
    setConfirmed(chairDoc, card.id, true);
    if (i === 0) setCardChildren(doc, card.id, [0, 1], people[who] as Author);
    confirmedTexts.push(text);
  });
  const pairs = [
    addDangerPair(
      doc,
      {
        danger: 'اسکول اور ماں کو فکر ہے کہ جب شام خراب گزرتی ہے تو کوئی کھانا نہیں بناتا، اور زینب بھوکی سکول آتی ہے۔',
        goal: 'والدین ہر روز شام کا کھانا یقینی بنائیں گے اور بچے آٹھ بجے تک سو جائیں گے، چھ مہینے تک۔',
      },
      people[5] as Author,
      0,
    ),
    addDangerPair(
      doc,
      {
        danger: 'বাড়িতে রাতে ঝগড়া হলে বাচ্চারা ভয় পায় এবং ঘুমাতে পারে না।',
        goal: 'ਮਾਪੇ ਬੱਚਿਆਂ ਦੇ ਸਾਹਮਣੇ ਝਗੜਾ ਨਹੀਂ ਕਰਨਗੇ ਅਤੇ ਹਰ ਰਾਤ ਸ਼ਾਂਤੀ ਰਹੇਗੀ।',
      },
      people[5] as Author,
      1,
    ),
  ];
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
        nextStep: ['کھانا وقت پر', 'وجبات منتظمة', 'নিয়মিত খাবার', 'ਸਮੇਂ ਸਿਰ ਖਾਣਾ', 'Regularne posiłki', 'Regular meals'][i] ?? '',
        at: i,
      })),
    ),
  );
  const actionTexts = ['ਹਰ ਮੰਗਲਵਾਰ ਪਰਿਵਾਰ ਸਹਾਇਕ ਨੂੰ ਮਿਲਣਾ', 'زيارة الطبيب مع الأطفال', 'Spotkanie z pedagogiem szkolnym'];
  actionTexts.forEach((what, i) => {
    addAction(
      doc,
      {
        what,
        who: people[[3, 1, 4][i] ?? 0]?.name ?? '',
        byWhen: '2027-01-15',
        measure: ['হাজিরা খাতায় সই', 'تقرير الطبيب', 'Notatka ze spotkania'][i] ?? '',
        pairId: pairs[i % pairs.length] ?? null,
        children: [i % 2],
      },
      people[5] as Author,
    );
  });
  addNetworkPerson(
    doc,
    { name: 'نسرین بی بی', relationship: 'نانی', inSafetyNetwork: true, willDo: 'جمعرات کو رات رہتی ہیں' },
    people[0] as Author,
  );
  addNetworkPerson(
    doc,
    { name: 'ਹਰਜੀਤ ਸਿੰਘ', relationship: 'ਗੁਆਂਢੀ', inSafetyNetwork: true, willDo: 'ਸੋਮਵਾਰ ਨੂੰ ਬੱਚਿਆਂ ਨੂੰ ਸਕੂਲ ਲੈ ਜਾਂਦੇ ਹਨ' },
    people[0] as Author,
  );
  setContingency(
    doc,
    'إذا استمرت زينب في الوصول إلى المدرسة جائعة، سنجتمع خلال أسبوع واحد وستطلب الأخصائية الاجتماعية مشورة قانونية، لأن ذلك قد يؤدي إلى أن يُطلب من المحكمة أن تقرر.',
    people[5] as Author,
  );
  for (const p of people.filter((x) => x.role === 'professional')) {
    setRecommendation(doc, p, {
      recommendation: 'cp',
      reason:
        p.id === 'person-bn'
          ? 'সন্ধ্যাগুলো সত্যিই চিন্তার বিষয়।'
          : p.id === 'person-pa'
            ? 'ਸ਼ਾਮਾਂ ਸੱਚਮੁੱਚ ਚਿੰਤਾ ਦੀ ਗੱਲ ਹਨ।'
            : 'Wieczory są prawdziwym zmartwieniem.',
      dissent: '',
    });
  }
  recordDecision(chairDoc, {
    outcome: 'cp',
    categories: ['Neglect'],
    rationale: 'زینب کو باقاعدہ کھانا اور نیند چاہیے؛ منصوبہ سب کی مدد کرتا ہے۔',
  });
  updateNextSteps(doc, {
    coreGroup: people.slice(0, 4).map((p) => p.name),
    firstCoreGroup: '2026-12-18',
    visitEveryWorkingDays: 10,
    review: '2027-03-04',
  });
  const texts = [
    ...people.map((p) => p.name),
    ...people.map((p) => p.roleLabel),
    'زینب',
    'Łucja',
    'ہرجیت سنگھ',
    ...confirmedTexts,
    ...actionTexts,
    'نسرین بی بی',
    'ਹਰਜੀਤ ਸਿੰਘ',
    'جمعرات کو رات رہتی ہیں',
    'ਸੋਮਵਾਰ ਨੂੰ ਬੱਚਿਆਂ ਨੂੰ ਸਕੂਲ ਲੈ ਜਾਂਦੇ ਹਨ',
    'সন্ধ্যাগুলো সত্যিই চিন্তার বিষয়।',
    'ਸ਼ਾਮਾਂ ਸੱਚਮੁੱਚ ਚਿੰਤਾ ਦੀ ਗੱਲ ਹਨ।',
    'Wieczory są prawdziwym zmartwieniem.',
    'নিয়মিত খাবার',
    'Regularne posiłki',
  ];
  return { doc, chairDoc, confirmedTexts, proposedTexts: [], actionTexts, names: people.map((p) => p.name), texts };
}

/** A small conference written in Bengali, for the review image of a Bengali record. */
export function buildBengaliFixture(): Fixture {
  const doc = new Y.Doc();
  const chairDoc = new Y.Doc();
  initConferenceDoc(doc, 1);
  initChairDoc(chairDoc);
  writeConferenceDetails(doc, {
    kind: 'review',
    date: '2027-01-12',
    caseReference: 'CP-2026-0412',
    chairName: 'Ruth Ellis',
    children: [
      { name: 'আয়েশা', age: 8 },
      { name: 'রফিক', age: 5 },
    ],
  });
  const people: Author[] = [
    { id: 'person-mum', name: 'রহিমা খাতুন', roleLabel: 'মা', role: 'family' },
    { id: 'person-dad', name: 'করিম উদ্দিন', roleLabel: 'বাবা', role: 'family' },
    { id: 'person-sw', name: 'Sarah Patel', roleLabel: 'Social worker', role: 'professional' },
    { id: 'person-chair', name: 'Ruth Ellis', roleLabel: 'Chair', role: 'chair' },
  ];
  for (const p of people) recordAttendance(doc, p);
  const items = [
    'রাতে বাড়িতে ঝগড়া হলে বাচ্চারা ভয় পায়',
    'নানি প্রতি বৃহস্পতিবার রাতে বাচ্চাদের সাথে থাকেন',
    'আয়েশা স্কুলে ভালো করছে, শিক্ষক খুশি',
    'বাবা সম্প্রতি নতুন চাকরি পেয়েছেন',
    'রফিকের স্বাস্থ্য পরীক্ষা এখনও বাকি',
  ];
  items.forEach((text, i) => {
    const card = addCard(doc, { column: COLUMN_IDS[i % 5] as (typeof COLUMN_IDS)[number], text, author: people[i % 2] as Author });
    setConfirmed(chairDoc, card.id, true);
  });
  addDangerPair(
    doc,
    { danger: 'রাতে ঝগড়া হলে বাচ্চারা ঘুমাতে পারে না এবং স্কুলে ক্লান্ত থাকে।', goal: 'বাবা-মা বাচ্চাদের সামনে ঝগড়া করবেন না।' },
    people[3] as Author,
    0,
  );
  return { doc, chairDoc, confirmedTexts: items, proposedTexts: [], actionTexts: [], names: people.map((p) => p.name) };
}
