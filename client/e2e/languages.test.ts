import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { STAGES, addCard, addDangerPair, setStage, updateSettings } from '../../shared/model/index.js';
import { createConference, startServer, type RunningServer } from '../../server/test/harness.js';
import { catalogue as arabic } from '../src/i18n/catalogues/ar';
import { catalogue as polish } from '../src/i18n/catalogues/pl';
import { catalogue as urdu } from '../src/i18n/catalogues/ur';
import { launchBrowser, screenshot } from './browser.js';
import { expectAccessible } from './a11y.js';
import { createConferenceInBrowser } from './flows.js';
import { fillBoard, fillEveryStage, moveTo, seedPeople } from './seed.js';

/**
 * Every person in their own language: a test language finds any word that escaped the catalogues,
 * a parent follows the conference in Urdu from right to left while the wall stays in the chair's
 * English, and a Polish parent reads the server's refusals in Polish.
 */
let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop('SIGKILL');
});

async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
  context.setDefaultTimeout(10_000);
  contexts.push(context);
  return context.newPage();
}

/**
 * In the test language every message is between ⟦ ⟧. Whatever is left on the page once they are
 * taken out, and once what people typed is (it is shown in <bdi> or with dir="auto"), is a word
 * that did not come from a catalogue: the test shows where.
 */
async function escapedWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const typed = (el: Element | null): boolean => el?.closest('bdi, [dir="auto"], script, style, textarea, option[lang]') != null;
    const strip = (text: string): string => {
      let out = text;
      for (let before = ''; before !== out;) {
        before = out;
        out = out.replace(/\u27E6[^\u27E6\u27E7]*\u27E7/g, ' ');
      }
      return out;
    };
    const found: string[] = [];
    const check = (text: string, where: string): void => {
      const left = strip(text);
      if (/\p{L}/u.test(left)) found.push(`${where}: ${left.replace(/\s+/g, ' ').trim().slice(0, 120)}`);
    };
    // Text nodes in order, gathered by the block they are in (a message may span inline elements).
    const blocks = new Map<Element, string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode as Text;
      const parent = node.parentElement;
      if (!parent || typed(parent)) continue;
      const block =
        parent.closest('p, li, label, button, h1, h2, h3, h4, summary, legend, th, td, dt, dd, option, span, div, caption, figcaption') ??
        parent;
      blocks.set(block, (blocks.get(block) ?? '') + node.data);
    }
    for (const [el, text] of blocks)
      check(text, `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''}`);
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title], [alt], [aria-roledescription], [aria-valuetext]')) {
      for (const name of ['aria-label', 'placeholder', 'title', 'alt', 'aria-roledescription', 'aria-valuetext']) {
        const value = el.getAttribute(name);
        if (value) check(value, `${el.tagName.toLowerCase()}[${name}]`);
      }
    }
    return [...new Set(found)];
  });
}

const qps = (url: string): string => {
  const u = new URL(url);
  u.searchParams.set('lang', 'qps');
  return u.toString();
};

describe('every word on every screen comes from a catalogue', () => {
  it('the test language: the landing page, the forms, the lobby, every stage on the three screens, and the end', async () => {
    const landing = await newPage({ width: 1440, height: 900 });
    await landing.goto(qps(server.url));
    expect(await escapedWords(landing), 'the landing page').toEqual([]);
    await landing.locator('button.primary.big').click();
    await landing.locator('form.new-conference').waitFor();
    expect(await escapedWords(landing), 'the new conference form').toEqual([]);

    const conf = await createConference(server);
    const joining = await newPage({ width: 820, height: 1180 });
    await joining.goto(qps(`${server.url}${conf.links.family}`));
    await joining.locator('form.join').waitFor();
    expect(await escapedWords(joining), 'the family’s join form').toEqual([]);
    await joining.locator('select[name="role"]').selectOption({ index: 7 }); // "Other": its own box
    await joining.locator('button[type="submit"]').click();
    await joining.locator('.error').waitFor();
    expect(await escapedWords(joining), 'the join form with a refusal').toEqual([]);
    const waiting = await newPage({ width: 1440, height: 900 });
    await waiting.goto(qps(`${server.url}${conf.links.professional}`));
    await waiting.locator('input[name="name"]').fill('Sam');
    await waiting.locator('button[type="submit"]').click();
    await waiting.locator('main.lobby').waitFor();
    expect(await escapedWords(waiting), 'the lobby').toEqual([]);

    const seeded = await seedPeople(server, conf);
    await fillEveryStage(seeded);
    const chair = await newPage({ width: 1440, height: 900 });
    const pro = await newPage({ width: 1440, height: 900 });
    const family = await newPage({ width: 820, height: 1180 });
    const wall = await newPage({ width: 1920, height: 1080 });
    await chair.goto(qps(`${server.url}/c/${conf.id}#token=${conf.chairToken}`));
    await pro.goto(qps(`${server.url}/c/${conf.id}#token=${seeded.proToken}`));
    await family.goto(qps(`${server.url}/c/${conf.id}#token=${seeded.familyToken}`));
    await wall.goto(qps(`${server.url}/c/${conf.id}?view=projector#token=${conf.chairToken}`));
    const screens = { chair, pro, family, wall };
    for (const page of Object.values(screens)) await page.locator('.connection.live').waitFor();
    // Each screen is in the test language (so a clean result means something).
    for (const page of Object.values(screens)) expect(await page.locator('h1').innerText()).toMatch(/^\u27E6.*\u27E7$/);
    // The chair's lobby has someone waiting, and the audit trail and the folded settings are open.
    await chair.locator('section.audit > button').click();
    await chair.locator('[data-testid="audit"]').waitFor();
    await wall.locator('.screen-settings summary').click();
    await family.locator('.screen-settings summary').click();

    for (const stage of STAGES) {
      await moveTo(seeded, stage.id);
      for (const page of Object.values(screens)) await page.locator(`main[data-stage="${stage.id}"]`).waitFor();
      for (const summary of await chair.locator('details.settings > summary').all()) await summary.click();
      for (const [who, page] of Object.entries(screens)) expect(await escapedWords(page), `${who} at ${stage.id}`).toEqual([]);
    }
    // The end of the meeting, and what the screens say then.
    await chair.locator('.end-meeting > button.primary').click();
    await chair.locator('.end-meeting .confirm button.primary').click();
    for (const page of Object.values(screens)) await page.locator('[data-testid="locked-banner"]').waitFor();
    for (const [who, page] of Object.entries(screens)) expect(await escapedWords(page), `${who} after the end`).toEqual([]);
    seeded.close();
  });

  it('the check finds a word that escaped', async () => {
    const page = await newPage({ width: 800, height: 600 });
    await page.setContent('<p>\u27E6Translated\u27E7</p><p dir="auto">typed</p><button aria-label="Not translated">\u27E6x\u27E7</button>');
    expect(await escapedWords(page)).toEqual(['button[aria-label]: Not translated']);
  });
});

describe('a parent who reads Urdu', () => {
  let chair: Page;
  let parent: Page;
  let wall: Page;

  it('joins in Urdu from a link that asks for it, and the tablet reads right to left', async () => {
    chair = await newPage({ width: 1440, height: 900 });
    await createConferenceInBrowser(chair, server.url);
    const familyLink = new URL(await chair.getByTestId('invite-family').inputValue());
    familyLink.searchParams.set('lang', 'ur');
    parent = await newPage({ width: 820, height: 1180 });
    await parent.goto(familyLink.toString());
    await parent.locator('form.join').waitFor();
    expect(await parent.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ur', 'rtl']);
    // The language list names each language in its own script, and Urdu is chosen.
    expect(await parent.locator('.language-picker select').inputValue()).toBe('ur');
    expect(await parent.locator('.language-picker option').allInnerTexts()).toEqual(
      expect.arrayContaining(['English', 'Polski', 'اردو', 'Română', 'العربية', 'ਪੰਜਾਬੀ', 'বাংলা']),
    );
    await expect.poll(() => parent.getByRole('heading', { level: 1 }).innerText()).toBe(urdu.messages['join.title.family']);
    await expectAccessible(parent, 'the join form in Urdu');
    await parent.getByLabel(urdu.messages['join.name'] as string).fill('فاطمہ بی بی');
    await parent.getByLabel(urdu.messages['join.role.family'] as string).selectOption('Mum');
    await parent.getByRole('button', { name: urdu.messages['join.submit'] as string }).click();
    await parent.getByText(urdu.messages['lobby.waiting'] as string).waitFor();
    // The name is isolated inside the English label (U+2068 … U+2069), so it keeps its own direction.
    await chair.getByRole('button', { name: /^Let \u2068?فاطمہ بی بی\u2069? in$/ }).click();
    await parent.locator('.connection.live').waitFor();
    expect(await parent.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ur', 'rtl']);
    // Its Urdu is set in Nastaliq: the face is declared through document.fonts (which the
    // Content-Security-Policy allows, where an inline <style> is refused) and loaded for what it shows.
    const nastaliq = (): Promise<string[]> =>
      parent.evaluate(async () => {
        await document.fonts.ready;
        const statuses: string[] = [];
        document.fonts.forEach((f) => void (f.family.replace(/["']/g, '') === 'Conference Nastaliq' && statuses.push(f.status)));
        return statuses;
      });
    await expect.poll(nastaliq).toContain('loaded');
    // The chair's own screen stays in English, and shows the parent's role in English.
    expect(await chair.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en-GB', 'ltr']);
    await expect.poll(() => chair.getByTestId('presence').innerText()).toContain('Mum');
  });

  it('sees the board headings in Urdu, from the right, while the wall stays in English', async () => {
    const chairToken = await chair.evaluate(() => Object.entries(window.sessionStorage).find(([k]) => k.endsWith(':token'))?.[1] ?? '');
    wall = await newPage({ width: 1920, height: 1080 });
    await wall.goto(`${new URL(chair.url()).origin}${new URL(chair.url()).pathname}?view=projector&lang=en#token=${chairToken}`);
    await wall.locator('.connection.live').waitFor();
    await chair
      .getByRole('navigation', { name: 'Stages of the conference' })
      .getByRole('button', { name: /Information sharing/ })
      .click();
    const tabs = parent.getByRole('tab');
    await expect.poll(() => tabs.count()).toBe(5);
    const headings = await tabs.allInnerTexts();
    expect(headings[0]).toContain(urdu.messages['column.danger.family']);
    expect(headings.join(' ')).toMatch(/\p{Script=Arabic}/u);
    // Right to left: the first heading is at the right.
    const [first, second] = [await tabs.nth(0).boundingBox(), await tabs.nth(1).boundingBox()];
    expect(first && second && first.x > second.x).toBe(true);
    // The arrow key towards the reading direction's next heading is the left one.
    await tabs.nth(0).focus();
    await parent.keyboard.press('ArrowLeft');
    await expect.poll(() => parent.evaluate(() => document.activeElement?.id)).toBe('tab-safety');

    await expect
      .poll(() => wall.locator('section[data-column] h3').allInnerTexts())
      .toEqual(['Danger / Risks', 'Safety', 'Strengths / Protective factors', 'Complicating factors', 'Grey areas']);
    expect(await wall.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en-GB', 'ltr']);

    // What the parent types stays as typed, and finds its own direction on every screen.
    await tabs.nth(2).click();
    const box = parent.locator('section[data-column="strengths"] textarea');
    await box.fill('ہم ہر اتوار پارک جاتے ہیں');
    await box.press('Enter');
    const onWall = wall.locator('section[data-column="strengths"] .card-text');
    await expect.poll(() => onWall.allInnerTexts()).toEqual(['ہم ہر اتوار پارک جاتے ہیں']);
    expect(await onWall.evaluate((el) => [el.getAttribute('dir'), getComputedStyle(el).direction])).toEqual(['auto', 'rtl']);
    await expectAccessible(parent, 'the tablet in Urdu, right to left');
    await expectAccessible(wall, 'the wall in English beside it');
    await screenshot(parent, 'tablet-urdu');
    if (process.env.UPDATE_GUIDE === '1') await parent.screenshot({ path: 'docs/images/tablet-urdu.png' });
  });

  it('downloads the summary with its wording in Urdu, what people typed as typed', async () => {
    await chair.getByRole('button', { name: 'End the meeting' }).click();
    await chair.getByRole('button', { name: 'Yes, end the meeting' }).click();
    await parent.getByTestId('locked-banner').waitFor();
    const downloading = parent.waitForEvent('download');
    await parent
      .getByTestId('locked-banner')
      .getByRole('button', { name: urdu.messages['summary.download'] as string })
      .click();
    const download = await downloading;
    const file = await download.path();
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdf = await getDocument({ data: new Uint8Array(fs.readFileSync(file)), disableFontFace: true }).promise;
    const content = await (await pdf.getPage(1)).getTextContent();
    const text = content.items.map((i) => ('str' in i ? i.str : '')).join(' ');
    expect(text).toContain('فاطمہ');
    expect(text.replace(/\s+/g, '')).toContain((urdu.messages['pdf.whoCame'] as string).replace(/\s+/g, ''));
    fs.mkdirSync('test-results/pdf', { recursive: true });
    fs.copyFileSync(file, 'test-results/pdf/downloaded-in-urdu.pdf');
  });
});

describe('a professional who reads Arabic, on a laptop', () => {
  it('sees the columns from the right, and a card dragged with the arrow keys goes on in reading order', async () => {
    const conf = await createConference(server);
    const seeded = await seedPeople(server, conf, { pro: 'سارة حسن', family: 'Magdalena' });
    await seeded.as('pro', (doc, me) => {
      addCard(doc, { column: 'danger', text: 'الشرطة جاءت إلى البيت مرتين', author: me });
    });
    await moveTo(seeded, 'board');
    const page = await newPage({ width: 1440, height: 900 });
    await page.goto(`${server.url}/c/${conf.id}?lang=ar#token=${seeded.proToken}`);
    await page.locator('main[data-stage="board"]').waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    const heading = (id: string) => page.locator(`section[data-column="${id}"] h3`);
    await expect.poll(() => heading('danger').innerText()).toBe(arabic.messages['column.danger']);
    // The first column is at the right, the next to its left.
    const [danger, safety] = [await heading('danger').boundingBox(), await heading('safety').boundingBox()];
    expect(danger && safety && danger.x > safety.x).toBe(true);
    await expectAccessible(page, 'the Arabic board on a laptop, right to left');
    // Keyboard dragging: the arrow towards the next column in reading order is the left one.
    const handle = page.locator('section[data-column="danger"] .drag-handle').first();
    await handle.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => handle.getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('ArrowLeft');
    const live = page.locator('[id^="DndLiveRegion"]');
    await expect.poll(() => live.innerText()).toContain(arabic.messages['column.safety'] as string);
    await expect
      .poll(() => page.locator('section[data-column="safety"]').evaluate((el) => el.getAnimations({ subtree: true }).length))
      .toBe(0);
    await page.keyboard.press('Space');
    await expect
      .poll(() => page.locator('section[data-column="safety"] .card-text').allInnerTexts())
      .toEqual(['الشرطة جاءت إلى البيت مرتين']);
    await screenshot(page, 'board-laptop-arabic');
    seeded.close();
  });
});

describe('a parent who reads Polish', () => {
  it('reads the server’s refusals in Polish: a link that is not valid, and a score the server refuses', async () => {
    const conf = await createConference(server);
    const page = await newPage({ width: 820, height: 1180 });
    await page.goto(`${server.url}/c/${conf.id}?lang=pl#token=not-a-real-token-at-all-000000`);
    await expect.poll(() => page.getByRole('alert').innerText()).toBe(polish.messages['server.bad-link']);

    // Hidden scoring: the score goes to the server, which checks it and refuses one too long.
    const seeded = await seedPeople(server, conf, { pro: 'Amira Khan', family: 'Łucja' });
    await seeded.as('pro', (doc, me) => {
      addDangerPair(doc, { danger: 'The school is worried that Zoë comes to school hungry.', goal: 'An evening meal every day.' }, me);
    });
    await seeded.asChair((chairDoc) => {
      updateSettings(chairDoc, { scoring: 'hidden' });
      setStage(chairDoc, 'scaling');
    });
    const parent = await newPage({ width: 820, height: 1180 });
    await parent.goto(`${server.url}/c/${conf.id}?lang=pl#token=${seeded.familyToken}`);
    await parent.locator('main[data-stage="scaling"]').waitFor();
    await parent.getByLabel(polish.messages['scale.nextStep'] as string).fill('x'.repeat(1001));
    await parent.getByRole('button', { name: polish.messages['scale.give'] as string }).click();
    const refusal = parent.locator('.my-score [role="status"]');
    await expect.poll(() => refusal.innerText()).toContain('1000');
    const text = await refusal.innerText();
    expect(text).toContain((polish.messages['validation.too-long'] as string).split('{')[0]?.trim() ?? '');
    expect(text).toContain(polish.messages['field.nextStep']);
    expect(text).not.toMatch(/characters|Please/);
    await expectAccessible(parent, 'the Polish tablet with a refusal');
    seeded.close();
  });
});

describe('calmer screens', () => {
  it('the wall gives the board three quarters of its height with eight items a column and no chair-only words; the chair is there once; the tablet’s content starts in its top third', async () => {
    const conf = await createConference(server);
    const seeded = await seedPeople(server, conf);
    await fillBoard(seeded, 8);
    await moveTo(seeded, 'board');
    const chair = await newPage({ width: 1440, height: 900 });
    await chair.goto(`${server.url}/c/${conf.id}#token=${conf.chairToken}`);
    await chair.locator('.connection.live').waitFor();
    const wall = await newPage({ width: 1920, height: 1080 });
    await wall.goto(`${server.url}/c/${conf.id}?view=projector#token=${conf.chairToken}`);
    await wall.locator('.connection.live').waitFor();
    const family = await newPage({ width: 820, height: 1180 });
    await family.goto(`${server.url}/c/${conf.id}#token=${seeded.familyToken}`);
    await family.locator('.connection.live').waitFor();

    // The wall: the board from the top quarter down, every column's eight items in full view.
    await expect.poll(() => wall.locator('li.card').count()).toBe(40);
    const layout = await wall.evaluate(() => {
      const board = (document.querySelector('.board') as HTMLElement).getBoundingClientRect();
      const columns = [...document.querySelectorAll('section[data-column]')].map((section) => {
        const list = (section.querySelector('ol.cards') as HTMLElement).getBoundingClientRect();
        const cards = [...section.querySelectorAll('li.card')].map((c) => c.getBoundingClientRect());
        return cards.filter((c) => c.top >= list.top - 1 && c.bottom <= list.bottom + 1 && c.bottom <= window.innerHeight).length;
      });
      return {
        top: board.top,
        bottom: board.bottom,
        height: window.innerHeight,
        columns,
        scrolls: document.documentElement.scrollHeight > window.innerHeight,
      };
    });
    expect(layout.top).toBeLessThanOrEqual(0.25 * layout.height);
    expect(layout.bottom).toBeLessThanOrEqual(layout.height);
    expect(layout.scrolls).toBe(false);
    for (const shown of layout.columns) expect(shown).toBeGreaterThanOrEqual(8);
    const wallText = await wall.locator('body').innerText();
    for (const chairOnly of ['wording suggestion', 'Start timer', 'Chair’s controls', 'hidden from others', 'QR'])
      expect(wallText).not.toContain(chairOnly);
    expect(
      await wall.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.card-text') as Element).fontSize)),
    ).toBeGreaterThanOrEqual(24);
    await screenshot(wall, 'calm-wall-8-items-1920x1080');
    await expectAccessible(wall, 'the wall with eight items a column');

    // The chair appears once in "who is here", though the wall is open with the chair's token.
    await expect.poll(() => chair.getByTestId('presence').innerText()).toContain('Magdalena');
    const names = await chair.locator('[data-testid="presence"] .name').allInnerTexts();
    expect(names.filter((n) => n === 'Ruth Adeyemi')).toHaveLength(1);
    await screenshot(chair, 'calm-chair-once');

    // The tablet: the content (the stage's own heading) starts in the first third of the screen.
    const contentTop = await family.evaluate(() => (document.querySelector('#stage-content') as HTMLElement).getBoundingClientRect().top);
    expect(contentTop).toBeLessThanOrEqual(1180 / 3);
    const tabsTop = await family.evaluate(() => (document.querySelector('.column-tabs') as HTMLElement).getBoundingClientRect().top);
    expect(tabsTop).toBeLessThanOrEqual(1180 / 3);
    // Its date is written as the summary writes it.
    expect(await family.locator('.subtitle').innerText()).toContain('Monday 23 November 2026');
    await screenshot(family, 'calm-tablet-top-third');
    seeded.close();
  });

  it('passing messages go: a hidden score’s message once the scores are shown, “has been let in” after a few seconds', async () => {
    const conf = await createConference(server);
    const seeded = await seedPeople(server, conf);
    let pairId = '';
    await seeded.as('pro', (doc, me) => {
      pairId = addDangerPair(
        doc,
        { danger: 'The school is worried that Zoë comes to school hungry.', goal: 'An evening meal every day.' },
        me,
      );
    });
    await seeded.asChair((chairDoc) => {
      updateSettings(chairDoc, { scoring: 'hidden' });
      setStage(chairDoc, 'scaling');
    });
    const family = await newPage({ width: 820, height: 1180 });
    await family.goto(`${server.url}/c/${conf.id}#token=${seeded.familyToken}`);
    await family.getByRole('button', { name: 'Give my score' }).click();
    await family.getByText('Your score is in. It stays hidden').waitFor();
    const shown = await fetch(`${server.url}/api/conferences/${conf.id}/scores/${pairId}/reveal`, {
      method: 'POST',
      headers: { authorization: `Bearer ${conf.chairToken}` },
    });
    expect(shown.status).toBe(200);
    await family.getByText('Everyone’s scores have been shown.').waitFor();
    expect(await family.getByText('It stays hidden').count()).toBe(0);

    const chair = await newPage({ width: 1440, height: 900 });
    await chair.goto(`${server.url}/c/${conf.id}#token=${conf.chairToken}`);
    const asked = await fetch(`${server.url}/api/conferences/${conf.id}/lobby`, {
      method: 'POST',
      headers: { authorization: `Bearer ${conf.professionalToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'PC Jones', roleLabel: 'Police' }),
    });
    expect(asked.status).toBe(201);
    await chair.getByRole('button', { name: 'Let PC Jones in', exact: true }).click();
    const status = chair.getByTestId('chair-status');
    await expect.poll(() => status.innerText()).toBe('PC Jones has been let in.');
    // It passes by itself (a few seconds), rather than staying until the end of the meeting.
    await expect.poll(() => status.innerText(), { timeout: 15_000 }).toBe('');
    seeded.close();
  });

  it('on the chair’s laptop the scoring settings and the date fields each have their own line', async () => {
    const conf = await createConference(server);
    const seeded = await seedPeople(server, conf);
    await seeded.as('pro', (doc, me) => {
      addDangerPair(doc, { danger: 'The school is worried that Zoë comes to school hungry.', goal: 'An evening meal every day.' }, me);
    });
    await seeded.asChair((chairDoc) => {
      updateSettings(chairDoc, { familyFirst: true });
      setStage(chairDoc, 'scaling');
    });
    const chair = await newPage({ width: 1440, height: 900 });
    await chair.goto(`${server.url}/c/${conf.id}#token=${conf.chairToken}`);
    await chair.getByText('Scoring settings').click();
    const button = await chair.getByRole('button', { name: 'Now everyone may score' }).boundingBox();
    const label = await chair.getByText('The scale’s wording (your council’s)').boundingBox();
    expect(button && label && label.y >= button.y + button.height).toBe(true);
    await moveTo(seeded, 'next');
    await chair.locator('main[data-stage="next"]').waitFor();
    const fields = await chair.locator('.dates .date-field').evaluateAll((els) =>
      els.map((el) => {
        const [l, input] = [el.querySelector('label'), el.querySelector('input')].map((x) => (x as HTMLElement).getBoundingClientRect());
        return (input?.top ?? 0) >= (l?.bottom ?? 0) - 1;
      }),
    );
    expect(fields).toEqual([true, true, true]);
    await screenshot(chair, 'calm-chair-dates');
    seeded.close();
  });
});
