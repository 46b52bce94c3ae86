import { isolate, type SummaryMessages } from './messages.js';

/**
 * The summary's fixed wording in Urdu, to show and test a right-to-left record. A sample written
 * by the developers: it awaits review by a qualified translator, and the family's catalogues
 * (issue 15) will replace it.
 */
const urduDate = new Intl.DateTimeFormat('ur-PK', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const urduDay = (iso: string): string => urduDate.format(new Date(`${iso}T12:00:00Z`));

export const URDU_SAMPLE: SummaryMessages = {
  lang: 'ur',
  dir: 'rtl',
  title: 'بچوں کے تحفظ کی کانفرنس: خلاصہ',
  subject: 'کانفرنس کا خلاصہ اور منصوبہ',
  heading: 'بچوں کے تحفظ کی کانفرنس: خلاصہ اور منصوبہ',
  date: (iso) => urduDay(iso),
  list: (items) => items.join('، '),
  kinds: {
    initial: 'بچوں کے تحفظ کی ابتدائی کانفرنس',
    review: 'بچوں کے تحفظ کی جائزہ کانفرنس',
    'young-person': 'نوجوان کی حفاظت کی کانفرنس',
  },
  outcomes: {
    cp: 'بچوں کے تحفظ کا منصوبہ',
    cin: 'ضرورت مند بچے کا منصوبہ',
    other: 'دیگر مدد',
    nfa: 'مزید کوئی کارروائی نہیں',
  },
  about: { heading: 'کانفرنس کے بارے میں', kind: 'کانفرنس کی قسم', date: 'تاریخ', chair: 'چیئر', caseReference: 'کیس نمبر' },
  whoCame: { heading: 'کون آیا', name: 'نام', hereAs: 'کس حیثیت سے' },
  apologies: { heading: 'معذرت (بلایا گیا لیکن نہیں آ سکے)', none: 'کوئی نہیں۔' },
  children: {
    heading: 'بچے',
    none: 'کوئی درج نہیں۔',
    child: (name, age) => `${isolate(name)}، ${age === 0 ? 'ایک سال سے کم' : `${age} سال`}`,
  },
  board: {
    heading: 'سب نے کیا بتایا',
    withUnconfirmed: 'وہ باتیں جن کی چیئر نے تصدیق کی، اور (”تصدیق نہیں ہوئی“ کے نشان کے ساتھ) وہ جن کی تصدیق نہیں ہوئی۔',
    confirmedOnly: 'وہ باتیں جن کے درست ہونے کی چیئر نے تصدیق کی۔ جن کی تصدیق نہیں ہوئی وہ شامل نہیں۔',
    column: (id) =>
      ({
        danger: 'ہمیں کس بات کی فکر ہے',
        safety: 'بچوں کو کیا چیز محفوظ رکھتی ہے',
        strengths: 'کیا اچھا چل رہا ہے',
        complicating: 'کیا چیز مشکل بناتی ہے',
        grey: 'ہمیں کس بات کا یقین نہیں',
      })[id],
    nothing: 'کچھ درج نہیں۔',
    item: ({ text, children, note, author, role }) =>
      `• ${isolate(text)}${children.length ? ` (${children.map(isolate).join('، ')} کے بارے میں)` : ''}` +
      `${note === 'disputed' ? ' [اختلاف]' : note === 'not-confirmed' ? ' [تصدیق نہیں ہوئی]' : ''}  (${isolate(author)}، ${isolate(role)})`,
  },
  dangers: {
    heading: 'ہمیں کس بات کی فکر ہے، اور کیا ہونا چاہیے',
    scale: (wording) => `حفاظت کا پیمانہ: ${isolate(wording)}`,
    none: 'خطرے کا کوئی بیان نہیں لکھا گیا۔',
    statement: (n) => `خطرے کا بیان ${n}`,
    goal: 'حفاظت کا ہدف',
    noScores: 'کوئی اسکور نہیں دیا گیا۔',
    scores: (s) => `اسکور: ${s.count}۔ درمیانی اسکور: ${s.median}۔ ${s.min} سے ${s.max} تک۔`,
    head: ['کون', 'اسکور', 'اسے ایک درجہ اوپر کیا لے جائے گا'],
    who: (name, role) => `${isolate(name)}، ${isolate(role)}`,
    entered: (who) => `${who} (چیئر نے درج کیا)`,
    leftOut: (count) => `${count} اسکور نجی طور پر دیے گئے اور دکھائے نہیں گئے۔ چیئر نے انہیں اس ریکارڈ سے باہر رکھنے کا فیصلہ کیا۔`,
  },
  plan: {
    heading: 'منصوبہ: کون کیا کرے گا، کب تک',
    none: 'کسی کام پر اتفاق نہیں ہوا۔',
    head: ['کیا', 'کون', 'کب تک', 'ہمیں کیسے پتہ چلے گا کہ یہ کام آیا', 'کس کے لیے'],
  },
  review: {
    trend: (points) =>
      `ہر کانفرنس میں درمیانی اسکور: ${points
        .map((p) => `${p.reviewNumber === 0 ? `پہلی کانفرنس، ${urduDay(p.date)}` : `جائزہ ${p.reviewNumber}، ${urduDay(p.date)}`}: ${p.median ?? 'کوئی اسکور نہیں'}`)
        .join('؛ ')}۔`,
    progressHeading: 'پچھلی کانفرنس کے کاموں کا کیا ہوا',
    progressHead: ['کیا', 'کتنا ہوا', 'کیسا رہا'],
    progress: { done: 'ہو گیا', partly: 'کچھ ہوا', 'not-done': 'نہیں ہوا', 'no-longer-needed': 'اب ضرورت نہیں' },
    notSaid: 'نہیں بتایا گیا',
  },
  network: { heading: 'حفاظتی نیٹ ورک', none: 'کسی کا نام نہیں لیا گیا۔', head: ['نام', 'وہ کون ہیں', 'وہ کیا کریں گے'] },
  contingency: { heading: 'اگر حالات نہ بدلیں تو کیا ہوگا', none: 'کوئی متبادل منصوبہ نہیں لکھا گیا۔' },
  recommendations: {
    heading: 'ہر ماہر نے کیا سفارش کی',
    none: 'کوئی سفارش درج نہیں ہوئی۔',
    line: (r) => `${isolate(r.name)}، ${isolate(r.role)}: ${r.outcome}۔ ${isolate(r.reason)}`,
    dissent: (text) => `فیصلے سے اختلاف: ${isolate(text)}`,
  },
  decision: {
    heading: 'فیصلہ',
    none: 'چیئر نے کوئی فیصلہ درج نہیں کیا۔',
    category: (list) => `زمرہ: ${list}`,
    reasons: (text) => `چیئر کی وجوہات: ${isolate(text)}`,
  },
  next: {
    heading: 'آگے کیا ہوگا',
    head: ['', 'کب', 'مدت'],
    coreGroup: 'بنیادی گروپ',
    notNamed: 'کسی کا نام نہیں',
    firstCoreGroup: 'بنیادی گروپ کی پہلی میٹنگ',
    notSet: 'طے نہیں',
    withinWorkingDays: (days) => `کانفرنس کے ${days} کام کے دنوں کے اندر`,
    visits: 'سوشل ورکر کے دورے',
    atLeastEvery: (days) => `کم از کم ہر ${days} کام کے دنوں میں`,
    review: 'جائزہ کانفرنس',
    withinMonths: (months) => `${months} مہینوں کے اندر`,
  },
  correction: 'اگر آپ کو لگے کہ اس ریکارڈ میں کچھ غلط ہے تو 5 کام کے دنوں کے اندر چیئر کو بتائیں اور اسے درست کرنے کو کہیں۔',
  youngPerson: {
    title: 'نوجوان کا حفاظتی منصوبہ',
    heading: 'نوجوان کا حفاظتی منصوبہ',
    planHeading: 'میرا حفاظتی منصوبہ',
    intro: 'نوجوان کے ساتھ، اُن کے اپنے الفاظ میں لکھا گیا۔',
    sections: {
      worries: 'مجھے کس بات کی فکر ہے',
      'trusted-people': 'جن لوگوں پر مجھے بھروسہ ہے، اور اُن سے کیسے رابطہ کروں',
      places: 'جہاں میں محفوظ محسوس کرتا ہوں، اور جن جگہوں سے میں بچتا ہوں',
      if: 'اگر… تو میں کیا کروں گا',
      adults: 'میرے آس پاس کے بڑے کیا کریں گے',
      help: 'کون مدد کرتا ہے: اسکول، یوتھ سروس، پولیس، ٹرانسپورٹ اور دیگر',
    },
    nothing: 'ابھی کچھ نہیں لکھا گیا۔',
    by: (name, role) => `(${isolate(name)}، ${isolate(role)})`,
  },
  amendments: {
    askBy: (date) =>
      `اگر آپ کو لگے کہ اس ریکارڈ میں کچھ غلط ہے تو آپ ${date} تک اسے بدلنے کو کہہ سکتے ہیں: کانفرنس کا اپنا لنک کھولیں اور ”تبدیلی کی درخواست کریں“ چنیں، یا چیئر کو بتائیں۔`,
    changesHeading: (version) => `ورژن ${version} میں کیا بدلا، اور کیوں`,
    changesIntro: (version, previous) => `ورژن ${version} ورژن ${previous} کی جگہ لیتا ہے۔ یہ تبدیلیاں ہیں؛ باقی سب ویسا ہی ہے۔`,
    part: (kind) =>
      ({
        item: 'بورڈ پر لکھی ایک بات',
        'danger-statement': 'خطرے کا بیان اور اس کا حفاظتی مقصد',
        action: 'منصوبے میں ایک کام',
        network: 'حفاظتی نیٹ ورک میں ایک شخص',
        'safety-plan': 'نوجوان کا حفاظتی منصوبہ',
        contingency: 'متبادل منصوبہ',
        decision: 'فیصلہ اور اس کی وجوہات',
        'next-steps': 'آگے کیا ہوگا',
        apologies: 'معذرت',
      })[kind],
    before: 'پہلے',
    now: 'اب',
    added: '(شامل کیا گیا)',
    takenOut: '(نکال دیا گیا)',
    asked: (r) => `${isolate(r.name)}، ${isolate(r.role)} نے ${r.date} کو کہا: ${isolate(r.wrong)}`,
    note: (text) => `چیئر: ${isolate(text)}`,
  },
  changedAfterAgreement: '[اتفاق کے بعد چیئر نے بدلا]',
  page: {
    sealed: (recordId, hash) => `ریکارڈ ${recordId} · جانچ کوڈ ${hash}`,
    preview: 'پیش نظارہ: حتمی ریکارڈ نہیں',
    version: (n) => `ورژن ${n}`,
    draft: (n) => `ورژن ${n} کا مسودہ: ابھی ریکارڈ نہیں`,
    header: (date) => `بچوں کے تحفظ کی کانفرنس${date ? `، ${date}` : ''}`,
    notice:
      'رازدارانہ۔ یہ ریکارڈ خاندان اور کانفرنس میں موجود اداروں کے لیے ہے۔ اسے صرف کسی بچے کی حفاظت کے لیے یا چیئر کی اجازت سے شیئر کریں۔',
    number: (page, of) => `صفحہ ${page} از ${of}`,
  },
};
