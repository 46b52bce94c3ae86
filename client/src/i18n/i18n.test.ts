import { describe, expect, it } from 'vitest';
import { ENGLISH } from '../../../shared/pdf/messages.js';
import { longDate, timescaleWarnings, VALIDATION_MESSAGES, type ValidationCode } from '../../../shared/model/index.js';
import { API_ERRORS } from '../../../shared/api/errors.js';
import { en } from './en';
import { LANGUAGES, type LanguageCode } from './languages';
import { createTranslator, isolate } from './translate';
import { summaryMessages } from './summary';
import { errorWords, validationWords, timescaleWords } from './words';
import { ApiError } from '../api';
import type { Catalogue, Message, PluralCategory } from './types';
import { catalogue as pl } from './catalogues/pl';
import { catalogue as ur } from './catalogues/ur';
import { catalogue as ro } from './catalogues/ro';
import { catalogue as ar } from './catalogues/ar';
import { catalogue as pa } from './catalogues/pa';
import { catalogue as bn } from './catalogues/bn';

const CATALOGUES: Record<Exclude<LanguageCode, 'en'>, Catalogue> = { pl, ur, ro, ar, pa, bn };
const ENGLISH_MESSAGES = en as Readonly<Record<string, Message>>;
const holes = (text: string): Set<string> => new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string));
const formsOf = (m: Message): string[] => (typeof m === 'string' ? [m] : Object.values(m));
const tagOf = (code: LanguageCode): string => LANGUAGES.find((l) => l.code === code)?.tag ?? code;

describe('the catalogues', () => {
  it('every language is offered, named in its own script', () => {
    expect(LANGUAGES.map((l) => [l.code, l.name, l.dir])).toEqual([
      ['en', 'English', 'ltr'],
      ['pl', 'Polski', 'ltr'],
      ['ur', 'اردو', 'rtl'],
      ['ro', 'Română', 'ltr'],
      ['ar', 'العربية', 'rtl'],
      ['pa', 'ਪੰਜਾਬੀ', 'ltr'],
      ['bn', 'বাংলা', 'ltr'],
    ]);
  });

  for (const [code, catalogue] of Object.entries(CATALOGUES) as Array<[Exclude<LanguageCode, 'en'>, Catalogue]>) {
    describe(code, () => {
      const messages = catalogue.messages as Readonly<Record<string, Message | undefined>>;

      it('has every key English has, and no other', () => {
        const missing = Object.keys(ENGLISH_MESSAGES).filter((k) => messages[k] === undefined);
        const extra = Object.keys(messages).filter((k) => !(k in ENGLISH_MESSAGES));
        expect(missing, `${code} lacks these keys`).toEqual([]);
        expect(extra, `${code} has keys English does not`).toEqual([]);
      });

      it('says that it awaits review by a qualified translator', () => {
        expect(catalogue.review).toMatch(/awaits review by a qualified translator/);
      });

      it('has a message of the same kind as English for each key, with the same {names}, and every plural form its language needs', () => {
        const needed = new Intl.PluralRules(tagOf(code)).resolvedOptions().pluralCategories as PluralCategory[];
        const problems: string[] = [];
        for (const [key, english] of Object.entries(ENGLISH_MESSAGES)) {
          const mine = messages[key];
          if (mine === undefined) continue;
          if (typeof mine !== typeof english) {
            problems.push(`${key}: ${typeof english === 'string' ? 'a string' : 'plural forms'} in English`);
            continue;
          }
          const englishHoles = new Set(formsOf(english).flatMap((f) => [...holes(f)]));
          if (typeof mine !== 'string') {
            for (const category of needed) if (!(category in mine)) problems.push(`${key}: no "${category}" form`);
            englishHoles.add('count');
          }
          for (const form of formsOf(mine)) {
            for (const h of holes(form)) if (!englishHoles.has(h)) problems.push(`${key}: {${h}} is not in English`);
            if (form.trim() === '' && !key.startsWith('common.listSeparator')) problems.push(`${key}: empty`);
          }
          if (typeof mine === 'string') for (const h of englishHoles) if (!holes(mine).has(h)) problems.push(`${key}: lacks {${h}}`);
        }
        expect(problems).toEqual([]);
      });

      it('is written in its own language: most messages differ from the English', () => {
        const same = Object.keys(ENGLISH_MESSAGES).filter((k) => JSON.stringify(messages[k]) === JSON.stringify(ENGLISH_MESSAGES[k]));
        expect(same.length / Object.keys(ENGLISH_MESSAGES).length).toBeLessThan(0.1);
      });
    });
  }

  it('a plain wording for the family takes no {name} the professionals’ wording lacks', () => {
    const problems = Object.keys(ENGLISH_MESSAGES)
      .filter((k) => k.endsWith('.family'))
      .flatMap((k) => {
        const base = ENGLISH_MESSAGES[k.slice(0, -'.family'.length)];
        if (base === undefined) return [`${k}: no base message`];
        const allowed = new Set([...formsOf(base).flatMap((f) => [...holes(f)]), 'count']);
        return formsOf(ENGLISH_MESSAGES[k] as Message).flatMap((f) =>
          [...holes(f)].filter((h) => !allowed.has(h)).map((h) => `${k}: {${h}}`),
        );
      });
    expect(problems).toEqual([]);
  });

  it('every refusal the model and the server give has wording', () => {
    for (const code of Object.keys(VALIDATION_MESSAGES)) expect(ENGLISH_MESSAGES[`validation.${code}`]).toBeDefined();
    for (const code of Object.keys(API_ERRORS)) expect(ENGLISH_MESSAGES[`server.${code}`]).toBeDefined();
  });
});

describe('wording with numbers, dates and typed text', () => {
  it('Polish: one, few and many', () => {
    const t = createTranslator('pl', pl.messages);
    const items = (n: number): string => t.t('column.count', { count: n });
    const forms = pl.messages['column.count'] as { one: string; few: string; many: string };
    expect(items(1)).toBe(forms.one.replace('{count}', '1'));
    for (const n of [2, 3, 4, 22, 23, 104]) expect(items(n)).toBe(forms.few.replace('{count}', String(n)));
    for (const n of [5, 11, 12, 14, 25, 112]) expect(items(n)).toBe(forms.many.replace('{count}', String(n)));
    expect(new Set([items(1), items(2).replace('2', '#'), items(5).replace('5', '#')]).size).toBe(3);
  });

  it('Arabic: six forms, zero, one, two, few, many and other', () => {
    const t = createTranslator('ar', ar.messages);
    const forms = ar.messages['column.count'] as Record<string, string>;
    const cases: Array<[number, string]> = [
      [0, 'zero'],
      [1, 'one'],
      [2, 'two'],
      [3, 'few'],
      [10, 'few'],
      [11, 'many'],
      [99, 'many'],
      [100, 'other'],
    ];
    for (const [n, category] of cases)
      expect(t.t('column.count', { count: n }), `${n}`).toBe((forms[category] as string).replace('{count}', String(n)));
    expect(new Set(['zero', 'one', 'two', 'few', 'many', 'other'].map((c) => forms[c]))).toHaveProperty('size', 6);
  });

  it('English: one and other, falling back for a language without a message', () => {
    const t = createTranslator('en');
    expect(t.t('column.count', { count: 1 })).toBe('1 item');
    expect(t.t('column.count', { count: 2 })).toBe('2 items');
    const sparse = createTranslator('pl', { 'common.add': 'Dodaj' });
    expect(sparse.t('common.add')).toBe('Dodaj');
    expect(sparse.t('common.cancel')).toBe('Cancel');
    expect(sparse.t('column.count', { count: 5 })).toBe('5 items');
    // A key nobody knows is never shown: there is no message.
    expect(sparse.dynamic('server.no-such-code')).toBeNull();
  });

  it('dates as the summary writes them, in each language', () => {
    const day = '2026-12-04';
    const date = (code: LanguageCode): string => createTranslator(code, code === 'en' ? {} : CATALOGUES[code].messages).date(day);
    expect(date('en')).toBe('Friday 4 December 2026');
    expect(date('en')).toBe(longDate(day));
    expect(date('pl')).toMatch(/piątek.*4 grudnia 2026/);
    expect(date('ro')).toMatch(/vineri.*4 decembrie 2026/);
    expect(date('ur')).toMatch(/جمعہ.*دسمبر/);
    expect(date('ar')).toMatch(/الجمعة.*ديسمبر/);
    expect(date('pa')).toMatch(/ਸ਼ੁੱਕਰਵਾਰ.*ਦਸੰਬਰ/);
    expect(date('bn')).toMatch(/শুক্রবার.*৪ ডিসেম্বর.*২০২৬/);
  });

  it('working-day dates in a timescale warning are written in the language too', () => {
    const pol = createTranslator('pl', pl.messages);
    const [late] = timescaleWarnings({ firstCoreGroup: '2026-12-10', visitEveryWorkingDays: 10, review: '' }, '2026-11-23', 'initial');
    expect(late?.code).toBe('first-core-group-late');
    const words = timescaleWords(pol, late!);
    expect(words).toContain(pol.date('2026-12-07'));
    expect(words).toContain('poniedziałek');
    const [holiday] = timescaleWarnings(
      { firstCoreGroup: '2026-12-25', visitEveryWorkingDays: null, review: '' },
      '2026-12-20',
      'initial',
    ).filter((w) => w.code === 'bank-holiday');
    expect(timescaleWords(pol, holiday!)).toContain(pl.messages['holiday.Christmas Day']);
  });

  it('a refusal from the server that names a day writes the day the reader’s way', () => {
    const pol = createTranslator('pl', pl.messages);
    const closed = new ApiError(410, 'The time to ask for changes to this record ended on Monday 4 January 2027.', 'api.me', {
      code: 'amendments-closed',
      params: { date: '2027-01-04', contact: 'cpconferences@example.gov.uk' },
    });
    const words = errorWords(pol, closed);
    expect(words).toContain(pol.date('2027-01-04'));
    expect(words).toContain('poniedziałek');
    expect(words).toContain('cpconferences@example.gov.uk');
    expect(words).not.toContain('2027-01-04');
    expect(words).not.toContain('The time');
    const english = createTranslator('en');
    expect(errorWords(english, closed)).toBe(
      'The time to ask for changes to this record ended on Monday 4 January 2027. To ask for a change now, write to cpconferences@example.gov.uk.',
    );
  });

  it('numbers are written the language’s way', () => {
    expect(createTranslator('bn', bn.messages).t('column.count', { count: 12 })).toContain('১২');
    expect(createTranslator('pl', pl.messages).number(4.5)).toBe('4,5');
  });

  it('typed text keeps its direction inside a sentence of the other direction', () => {
    const english = createTranslator('en');
    expect(english.t('lobby.thanks', { name: 'Zoë' })).toBe('Thank you, Zoë');
    expect(english.t('lobby.thanks', { name: 'فاطمہ' })).toBe(`Thank you, ${isolate('فاطمہ')}`);
    const urdu = createTranslator('ur', ur.messages);
    expect(urdu.t('lobby.thanks', { name: 'Zoë' })).toContain(isolate('Zoë'));
    expect(urdu.t('lobby.thanks', { name: 'فاطمہ' })).not.toContain('\u2068');
  });

  it('the model’s refusals are worded from their codes, with the field’s own name', () => {
    const pol = createTranslator('pl', pl.messages);
    const words = validationWords(pol, {
      field: 'nextStep',
      code: 'too-long' as ValidationCode,
      params: { what: 'what would move it up one point', max: 1000 },
    });
    expect(words).toContain(pl.messages['field.nextStep']);
    expect(words).toContain('1000');
    expect(words).not.toContain('what would move');
    const english = createTranslator('en');
    expect(validationWords(english, { field: 'danger', code: 'required', params: {} }, true)).toBe(
      'Please write what you are worried about.',
    );
    expect(validationWords(english, { field: 'danger', code: 'required', params: {} })).toBe('Please write the danger statement.');
  });
});

describe('the summary’s wording from the catalogue', () => {
  it('in English it words the record as the agencies’ English does', () => {
    const m = summaryMessages(createTranslator('en'));
    const samples: Array<[string, string]> = [
      [m.heading, ENGLISH.heading],
      [m.about.caseReference, ENGLISH.about.caseReference],
      [m.children.child('Zoë', 7), ENGLISH.children.child('Zoë', 7)],
      [m.children.child('Zoë', 0), ENGLISH.children.child('Zoë', 0)],
      [m.board.column('strengths'), ENGLISH.board.column('strengths')],
      [
        m.board.item({ text: 'Gran helps', children: ['Zoë'], note: 'disputed', author: 'Ada', role: 'Gran' }),
        ENGLISH.board.item({ text: 'Gran helps', children: ['Zoë'], note: 'disputed', author: 'Ada', role: 'Gran' }),
      ],
      [
        m.dangers.scores({ count: 2, median: 4.5, min: 3, max: 6, spread: 3 }),
        ENGLISH.dangers.scores({ count: 2, median: 4.5, min: 3, max: 6, spread: 3 }),
      ],
      [m.dangers.leftOut(1), ENGLISH.dangers.leftOut(1)],
      [m.dangers.leftOut(3), ENGLISH.dangers.leftOut(3)],
      [m.next.withinWorkingDays(10), ENGLISH.next.withinWorkingDays(10)],
      [m.page.header('Monday 23 November 2026'), ENGLISH.page.header('Monday 23 November 2026')],
      [m.page.header(null), ENGLISH.page.header(null)],
      [m.page.number(1, 3), ENGLISH.page.number(1, 3)],
      [m.page.sealed('abc', '0123456789abcdef'), ENGLISH.page.sealed('abc', '0123456789abcdef')],
      [
        m.recommendations.line({ name: 'A', role: 'Police', outcome: 'Child protection plan', reason: 'R' }),
        ENGLISH.recommendations.line({ name: 'A', role: 'Police', outcome: 'Child protection plan', reason: 'R' }),
      ],
      [m.date('2026-11-23'), ENGLISH.date('2026-11-23')],
      [m.youngPerson.title, ENGLISH.youngPerson.title],
      [m.youngPerson.sections['trusted-people'], ENGLISH.youngPerson.sections['trusted-people']],
      [m.youngPerson.by('Zoë', 'Young person'), ENGLISH.youngPerson.by('Zoë', 'Young person')],
      [m.amendments.askBy('Monday 4 January 2027'), ENGLISH.amendments.askBy('Monday 4 January 2027')],
      [m.amendments.changesHeading(2), ENGLISH.amendments.changesHeading(2)],
      [m.amendments.changesIntro(3, 2), ENGLISH.amendments.changesIntro(3, 2)],
      [m.amendments.part('danger-statement'), ENGLISH.amendments.part('danger-statement')],
      [m.amendments.takenOut, ENGLISH.amendments.takenOut],
      [
        m.amendments.asked({ name: 'Amira', role: 'Mum', date: 'Tuesday 24 November 2026', wrong: 'Gran walks Zoë to school' }),
        ENGLISH.amendments.asked({ name: 'Amira', role: 'Mum', date: 'Tuesday 24 November 2026', wrong: 'Gran walks Zoë to school' }),
      ],
      [m.amendments.note('As asked'), ENGLISH.amendments.note('As asked')],
      [m.page.version(2), ENGLISH.page.version(2)],
      [m.page.draft(3), ENGLISH.page.draft(3)],
      [
        m.review.trend([
          { reviewNumber: 0, date: '2026-11-23', median: 4 },
          { reviewNumber: 1, date: '2027-02-23', median: null },
        ]),
        ENGLISH.review.trend([
          { reviewNumber: 0, date: '2026-11-23', median: 4 },
          { reviewNumber: 1, date: '2027-02-23', median: null },
        ]),
      ],
      [m.review.progress['no-longer-needed'], ENGLISH.review.progress['no-longer-needed']],
      [m.review.progressHead.join('|'), ENGLISH.review.progressHead.join('|')],
    ];
    for (const [ours, theirs] of samples) expect(ours).toBe(theirs);
  });

  it('in Urdu it reads from the right, in Urdu', () => {
    const m = summaryMessages(createTranslator('ur', ur.messages));
    expect([m.lang, m.dir]).toEqual(['ur', 'rtl']);
    expect(m.heading).toMatch(/\p{Script=Arabic}/u);
    expect(m.board.column('danger')).toMatch(/\p{Script=Arabic}/u);
    // The young person's plan and the pages of a later version, too.
    for (const words of [
      m.youngPerson.title,
      m.youngPerson.sections.if,
      m.amendments.changesHeading(2),
      m.amendments.part('network'),
      m.page.draft(2),
    ])
      expect(words).toMatch(/\p{Script=Arabic}/u);
  });
});
