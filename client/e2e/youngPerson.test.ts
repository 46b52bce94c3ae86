import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { startServer, type RunningServer } from '../../server/test/harness.js';
import { flat, readPdf, renderReviewImages } from '../../shared/pdf/testing/readBack.js';
import { launchBrowser, screenshot } from './browser.js';
import { expectAccessible } from './a11y.js';
import { askToJoin, chairMovesTo, letIn } from './flows.js';

/**
 * A young person's safety conference (issue 14), as the room runs it: the chair on a laptop, a
 * professional on a laptop, and Jade, 15, on a tablet, writing her own safety plan in her words.
 */
let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let chair: Page;
let pro: Page;
let jade: Page;

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
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  context.setDefaultTimeout(10_000);
  contexts.push(context);
  return context.newPage();
}

/** With UPDATE_GUIDE=1 (`npm run guide`) a screen also goes into the user guide in docs/guide/. */
async function guideImage(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  if (process.env.UPDATE_GUIDE !== '1') return;
  const guide = path.resolve('docs/guide');
  fs.mkdirSync(guide, { recursive: true });
  await page.screenshot({ path: path.join(guide, `${name}.png`), fullPage: false });
}

const part = (page: Page, id: string) => page.locator(`[data-testid="safety-plan"] section[data-part="${id}"]`);
const hints = (page: Page) => page.getByRole('list', { name: 'Wording suggestions' });
const shownStage = (page: Page) => page.locator('main.stage-content').getAttribute('data-stage');

async function addEntry(page: Page, id: string, heading: string, text: string): Promise<void> {
  await part(page, id).getByLabel(`Add to ${heading}`).fill(text);
  await part(page, id).getByRole('button', { name: 'Add', exact: true }).click();
}

const BOYFRIEND = 'My older boyfriend picks me up from school in his car';

describe('the young person’s safety plan, written by the young person on a tablet', () => {
  it('the chair opens a young person’s conference; a professional and the young person join', async () => {
    chair = await newPage({ width: 1440, height: 900 });
    await chair.goto(server.url);
    await chair.getByRole('button', { name: 'New conference' }).click();
    await chair.getByLabel("Young person's safety conference").check();
    await chair.getByLabel('Date of the conference').fill('2026-11-23');
    await chair.getByLabel('Case reference').fill('YP-2026-0031');
    await chair.getByLabel('Your name (the chair)').fill('Ruth Adeyemi');
    await chair.getByLabel('Child 1 name or initials').fill('Jade');
    await chair.getByLabel('Age', { exact: true }).first().fill('15');
    await chair.getByRole('button', { name: 'Create the conference' }).click();
    await chair.waitForURL(/\/c\/[A-Za-z0-9_-]{22}$/);
    await chair.getByText('Live', { exact: true }).waitFor();
    const proLink = await chair.getByTestId('invite-professional').inputValue();
    const familyLink = await chair.getByTestId('invite-family').inputValue();
    pro = await newPage({ width: 1440, height: 900 });
    jade = await newPage({ width: 820, height: 1180 });
    await askToJoin(pro, proLink, 'Sam Okafor', 'Social worker');
    await askToJoin(jade, familyLink, 'Jade', 'Young person', 'Who you are in the family');
    await letIn(chair, pro, 'Sam Okafor');
    await letIn(chair, jade, 'Jade');
    await chairMovesTo(chair, 'The plan');
    for (const page of [pro, jade]) await expect.poll(() => shownStage(page)).toBe('plan');
  });

  it('the plan stage is Jade’s own plan in six parts, in plain words, with large targets on her tablet', async () => {
    const plan = jade.getByTestId('safety-plan');
    await expect.poll(() => plan.getByRole('heading', { level: 2 }).innerText()).toBe('My safety plan');
    expect(await plan.locator('section[data-part] h3').allInnerTexts()).toEqual([
      'What worries me',
      'People I trust and how to reach them',
      'Places I feel safe and places I avoid',
      'What I will do if…',
      'What the adults around me will do',
      'Who helps: school, youth service, police, transport',
    ]);
    // Everyone else reads it as hers; the SMART plan's own form is not there.
    await expect
      .poll(() => chair.getByTestId('safety-plan').getByRole('heading', { level: 2 }).innerText())
      .toBe('The young person’s safety plan');
    expect(await chair.getByTestId('actions').count()).toBe(0);
    // Every control on her plan is at least 44 by 44 pixels.
    const small = await plan.evaluate((root) =>
      [...root.querySelectorAll('button, input, select, textarea')]
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && (box.width < 44 || box.height < 44))
        .map(({ el, box }) => `${el.tagName} ${el.textContent ?? ''} ${box.width}×${box.height}`),
    );
    expect(small).toEqual([]);
  });

  it('Jade writes in three parts with no wording hints on her words; the chair and the professional see it live', async () => {
    await part(jade, 'worries').getByLabel('Add to What worries me').fill(BOYFRIEND);
    await expect.poll(() => part(jade, 'worries').getByLabel('Add to What worries me').inputValue()).toBe(BOYFRIEND);
    expect(await hints(jade).count()).toBe(0);
    await part(jade, 'worries').getByRole('button', { name: 'Add', exact: true }).click();
    await addEntry(jade, 'trusted-people', 'People I trust and how to reach them', 'Auntie Mel, 07700 900123, any time');
    await addEntry(jade, 'places', 'Places I feel safe and places I avoid', 'I feel safe at the youth club on Fridays');
    for (const page of [chair, pro]) {
      await expect.poll(() => part(page, 'worries').locator('.plan-entry').innerText()).toContain(BOYFRIEND);
      await expect.poll(() => part(page, 'trusted-people').innerText()).toContain('Auntie Mel, 07700 900123');
      await expect.poll(() => part(page, 'places').innerText()).toContain('youth club on Fridays');
    }
    expect(await part(pro, 'worries').locator('.plan-entry .author').innerText()).toBe('Jade, Young person');
    // Only Jade and the chair may change her words; the professional sees no buttons on them.
    expect(await part(pro, 'worries').locator('.plan-entry').getByRole('button').count()).toBe(0);
    // The chair opening Jade's words to change them gets no hints on them either.
    await part(chair, 'worries')
      .getByRole('button', { name: /^Change: My older boyfriend/ })
      .click();
    await expect.poll(() => part(chair, 'worries').getByLabel('Change the words').inputValue()).toBe(BOYFRIEND);
    expect(await hints(chair).count()).toBe(0);
    await part(chair, 'worries').getByRole('button', { name: 'Cancel' }).click();
  });

  it('a professional writing about Jade still gets a hint on a judgemental phrase', async () => {
    const field = part(pro, 'adults').getByLabel('Add to What the adults around me will do');
    await field.fill('Jade keeps putting herself at risk at the park at night');
    await expect.poll(() => hints(pro).innerText()).toContain('at risk of being exploited by others');
    await field.fill('Mum will text Jade at 9pm on Fridays and pick her up from the youth club');
    await expect.poll(() => hints(pro).count()).toBe(0);
    await part(pro, 'adults').getByRole('button', { name: 'Add', exact: true }).click();
    await addEntry(
      pro,
      'help',
      'Who helps: school, youth service, police, transport',
      'Sam from the youth service meets Jade after school on Tuesdays',
    );
    await expect.poll(() => part(jade, 'adults').innerText()).toContain('Mum will text Jade at 9pm');
  });

  it('Jade adds an action to a part: who, what and by when, as in the SMART plan', async () => {
    await part(jade, 'if').getByRole('button', { name: 'Add an action: who does what, by when' }).click();
    await part(jade, 'if').getByLabel('What will be done').fill('Ring Auntie Mel to come and get me if he turns up');
    await part(jade, 'if').getByLabel('Who will do it').fill('Jade');
    await part(jade, 'if').getByLabel('By when').fill('2026-12-01');
    await part(jade, 'if').getByLabel('How we will know it worked').fill('Mel has been called, and Jade got home safe');
    await part(jade, 'if').getByRole('button', { name: 'Add the action' }).click();
    const action = part(chair, 'if').locator('li.action');
    await expect.poll(() => action.innerText()).toContain('Ring Auntie Mel to come and get me if he turns up');
    expect(await action.innerText()).toContain('Tuesday 1 December 2026');
    expect(await action.locator('.action-facts dd').first().innerText()).toBe('Jade');
    await expect.poll(() => part(pro, 'if').locator('li.action').count()).toBe(1);
    await expectAccessible(jade, 'the young person’s tablet at the safety plan');
    await expectAccessible(chair, 'the chair’s screen at the safety plan');
    await expectAccessible(pro, 'the professional’s screen at the safety plan');
    await guideImage(jade, 'young-person-plan-tablet');
    await guideImage(chair, 'young-person-plan');
  });

  it('the decision offers “Neglect: extra-familial harm”, ticked already', async () => {
    await chairMovesTo(chair, 'Decision');
    const local = chair.getByRole('checkbox', { name: 'Neglect: extra-familial harm' });
    expect(await local.isChecked()).toBe(true);
    expect(await chair.getByRole('checkbox', { name: 'Neglect', exact: true }).isChecked()).toBe(false);
    await chair.getByRole('radio', { name: 'Child protection plan' }).check();
    await chair
      .getByLabel('The reasons for the decision, for the family to read')
      .fill('Jade has told us she is being picked up by an adult who may want to harm her, and a plan helps everyone keep her safe.');
    await chair.getByRole('button', { name: 'Record the decision' }).click();
    await expect.poll(() => jade.getByTestId('decision').innerText()).toContain('Neglect: extra-familial harm');
    await guideImage(chair, 'young-person-decision');
  });

  it('the chair ends the meeting; Jade’s PDF is the “Young Person’s Safety Plan”, with her words under their parts', async () => {
    await chair.getByRole('button', { name: 'End the meeting' }).click();
    await chair.getByRole('button', { name: 'Yes, end the meeting' }).click();
    await jade.getByTestId('locked-banner').waitFor();
    const downloading = jade.waitForEvent('download');
    await jade.getByTestId('locked-banner').getByRole('button', { name: 'Download the summary (PDF)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('conference-summary-2026-11-23-young-person.pdf');
    const bytes = new Uint8Array(fs.readFileSync(await download.path()));
    const meta = await (await getDocument({ data: bytes.slice(), disableFontFace: true }).promise).getMetadata();
    expect((meta.info as { Title?: string }).Title).toBe('Young Person’s Safety Plan');
    const text = flat((await readPdf(bytes)).map((p) => p.text).join(' '));
    expect(text).toContain('Young Person’s Safety Plan');
    // Each entry sits under its own part, in the order of the parts.
    const order = [
      'What worries me',
      BOYFRIEND,
      'People I trust, and how to reach them',
      'Auntie Mel, 07700 900123, any time',
      'Places I feel safe, and places I avoid',
      'I feel safe at the youth club on Fridays',
      'What I will do if…',
      'Ring Auntie Mel to come and get me if he turns up',
      'What the adults around me will do',
      'Mum will text Jade at 9pm',
      'Who helps: school, youth service, police, transport and others',
      'Sam from the youth service meets Jade',
    ];
    const at = order.map((s) => text.indexOf(s));
    expect(
      at.every((i) => i >= 0),
      `all of ${JSON.stringify(order.filter((_, n) => at[n]! < 0))} in the PDF`,
    ).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).toContain('Neglect: extra-familial harm');
    renderReviewImages('young-person-safety-plan', bytes);
  });
});
