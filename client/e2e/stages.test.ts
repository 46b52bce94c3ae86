import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/test/harness.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { launchBrowser, screenshot } from './browser.js';
import { expectAccessible } from './a11y.js';
import { askToJoin, chairMovesTo, createConferenceInBrowser, letIn } from './flows.js';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let chair: Page;
let pro: Page;
let family: Page;
let projector: Page;

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

/**
 * Screenshots of the three screens at a stage (kept as CI artifacts). With UPDATE_GUIDE=1
 * (`npm run guide`), the chair's screen also goes into the user guide in docs/guide/.
 */
async function shoot(stage: string): Promise<void> {
  for (const [page, who] of [
    [chair, 'chair'],
    [pro, 'professional'],
    [family, 'family'],
    [projector, 'projector'],
  ] as const)
    await expectAccessible(page, `${who}'s screen at stage ${stage}`);
  await screenshot(chair, `stage-${stage}-chair`);
  await screenshot(projector, `stage-${stage}-projector-1920x1080`);
  await family.setViewportSize({ width: 1180, height: 820 });
  await screenshot(family, `stage-${stage}-family-tablet-1180x820`);
  await family.setViewportSize({ width: 820, height: 1180 });
  await screenshot(pro, `stage-${stage}-professional`);
  await screenshot(family, `stage-${stage}-family`);
  if (process.env.UPDATE_GUIDE !== '1') return;
  const guide = path.resolve('docs/guide');
  fs.mkdirSync(guide, { recursive: true });
  await chair.screenshot({ path: path.join(guide, `${stage}.png`), fullPage: false });
}

const shownStage = (page: Page) => page.locator('main.stage-content').getAttribute('data-stage');

describe('a whole conference, stage by stage, on three screens', () => {
  it('everyone joins and the introductions list the family network', async () => {
    chair = await newPage({ width: 1440, height: 900 });
    await createConferenceInBrowser(chair, server.url);
    const proLink = await chair.getByTestId('invite-professional').inputValue();
    const familyLink = await chair.getByTestId('invite-family').inputValue();
    pro = await newPage({ width: 1440, height: 900 });
    family = await newPage({ width: 820, height: 1180 });
    await askToJoin(pro, proLink, 'Amira Khan', 'Social worker');
    await askToJoin(family, familyLink, 'Şükrü Yılmaz', 'Dad', 'Who you are in the family');
    await letIn(chair, pro, 'Amira Khan');
    await letIn(chair, family, 'Şükrü Yılmaz');
    await chair.getByRole('button', { name: 'Hide chair’s controls' }).click();
    // The chair's projector view: the same conference, on the wall, in a second window.
    const chairToken = await chair.evaluate(() => Object.entries(window.sessionStorage).find(([k]) => k.endsWith(':token'))?.[1] ?? '');
    projector = await newPage({ width: 1920, height: 1080 });
    await projector.goto(`${new URL(chair.url()).origin}${new URL(chair.url()).pathname}?view=projector#token=${chairToken}`);
    await projector.getByText('Live', { exact: true }).waitFor();

    for (const page of [chair, pro, family]) await expect.poll(() => shownStage(page)).toBe('introductions');
    await family.getByLabel('Their name').fill('Ada');
    await family.getByLabel('Who they are to the family').fill('Gran');
    await family.getByLabel('In the safety network (will help keep the children safe)').check();
    await family.getByRole('button', { name: 'Add to the list' }).click();
    await expect.poll(() => chair.getByTestId('network').innerText()).toContain('Ada');
    await expect.poll(() => chair.getByTestId('who-is-here').innerText()).toContain('Şükrü Yılmaz');
    await shoot('1-introductions');
  });

  it('the board: the family adds an item, the chair confirms it, and others can look elsewhere and come back', async () => {
    await chairMovesTo(chair, 'Information sharing');
    // On the wall: all five columns at once, without scrolling sideways, in large text.
    await expect.poll(() => projector.locator('section[data-column]').count()).toBe(5);
    expect(await projector.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    expect(await projector.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBeGreaterThanOrEqual(24);
    expect(
      await projector.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.column-head h3') as Element).fontSize)),
    ).toBeGreaterThanOrEqual(24);
    expect(await projector.getByLabel(/^Add to/).count()).toBe(0);
    for (const page of [pro, family]) await expect.poll(() => shownStage(page)).toBe('board');
    await family.getByRole('tab', { name: /What is going well/ }).click();
    await family.getByLabel('Add to What is going well').fill('We go to the park together every Sunday');
    await family.getByLabel('Add to What is going well').press('Enter');
    const card = chair.locator('section[data-column="strengths"] li.card').first();
    await expect.poll(() => card.innerText()).toContain('We go to the park');
    await expect.poll(() => family.locator('section[data-column="strengths"] .badge').first().innerText()).toBe('Not checked yet');
    await card.getByRole('button', { name: /^Confirm item/ }).click();
    await expect.poll(() => family.locator('section[data-column="strengths"] .badge').first().innerText()).toBe('Agreed');
    await expect.poll(() => pro.locator('section[data-column="strengths"] .badge').first().innerText()).toBe('Confirmed');
    // Tag the item with one of the two children.
    await card.getByRole('button', { name: 'Zoë', exact: true }).click();
    // Others see which child it is about, but only the chair (or the author, before it is confirmed) can change it.
    await expect.poll(() => pro.locator('section[data-column="strengths"] .child-tags').innerText()).toBe('About: Zoë');

    await pro
      .getByRole('navigation', { name: 'Stages of the conference' })
      .getByRole('button', { name: /Danger statements/ })
      .click();
    await expect.poll(() => shownStage(pro)).toBe('danger');
    await pro.getByRole('button', { name: /Back to where the chair is/ }).click();
    await expect.poll(() => shownStage(pro)).toBe('board');
    await shoot('2-board');
  });

  it('danger statements, with kinder wording suggested as people type', async () => {
    await chairMovesTo(chair, 'Danger statements and safety goals');
    await expect.poll(() => shownStage(pro)).toBe('danger');
    await pro.getByLabel('Danger statement', { exact: true }).fill('The school is worried about neglect: Zoë often arrives hungry.');
    await expect.poll(() => pro.getByRole('list', { name: 'Wording suggestions' }).innerText()).toContain('neglect');
    // A word typed on the board is counted for the chair, and one click takes the suggestion.
    await chairMovesTo(chair, 'Information sharing');
    await pro.getByLabel('Add to Strengths / Protective factors').fill('Contact with Gran is every week');
    await pro.getByRole('button', { name: 'Use “family time”' }).click();
    await expect
      .poll(() => pro.getByLabel('Add to Strengths / Protective factors').inputValue())
      .toBe('Family time with Gran is every week');
    await pro.getByLabel('Add to Strengths / Protective factors').fill('');
    // Hints are for professionals writing about the family: the family's own words get none.
    await family.getByLabel('Add to What is going well').fill('Contact with Gran is every week');
    await expect.poll(() => family.getByLabel('Add to What is going well').inputValue()).toBe('Contact with Gran is every week');
    expect(await family.getByRole('list', { name: 'Wording suggestions' }).count()).toBe(0);
    await family.getByLabel('Add to What is going well').fill('');
    await pro.getByLabel('Add to Complicating factors').fill('Two placements with relatives broke down');
    await pro.getByLabel('Add to Complicating factors').press('Enter');
    await expect.poll(() => chair.getByTestId('open-suggestions').innerText()).toBe('1 wording suggestion open');
    await chairMovesTo(chair, 'Danger statements and safety goals');
    await pro
      .getByLabel('Danger statement', { exact: true })
      .fill(
        'The school and Amira are worried that when Dad drinks in the evening nobody makes tea, and Zoë comes to school hungry and tired; if nothing changes she could become ill.',
      );
    await pro
      .getByLabel('Safety goal')
      .fill('Dad will make sure there is an evening meal every day and Zoë goes to bed by 8, for the next six months.');
    await pro.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => family.getByTestId('danger-pairs').innerText()).toContain('evening meal');
    await shoot('3-danger');
  });

  it('scaling: the family scores first, then the professional; everyone sees the spread and median', async () => {
    await chairMovesTo(chair, 'Scaling');
    await chair.getByText('Scoring settings').click();
    await chair.getByLabel('The family gives their scores first').check();
    await expect.poll(() => pro.getByText('The family gives their scores first.').count()).toBe(1);
    await family.getByLabel(/Your score/).fill('6');
    await family.getByLabel('What would move it up one point?').fill('Gran staying over on Thursdays');
    await family.getByRole('button', { name: 'Give my score' }).click();
    await chair.getByRole('button', { name: 'Now everyone may score' }).click();
    await pro.getByLabel(/Your score/).fill('3');
    await pro.getByRole('button', { name: 'Give my score' }).click();
    await expect
      .poll(() => chair.getByTestId('stats-0').innerText())
      .toBe('2 scores: middle score (median) 4.5, from 3 to 6 (a spread of 3).');
    await expect.poll(() => family.locator('table.scores tbody tr').first().innerText()).toContain('Şükrü Yılmaz');
    await shoot('4-scaling');
  });

  it('the plan points out what is not SMART, without blocking', async () => {
    await chairMovesTo(chair, 'The plan');
    await pro.getByLabel('What will be done').fill('Dad to engage with services');
    await expect
      .poll(() => pro.getByRole('list', { name: 'How to make this action clearer' }).innerText())
      .toContain('Nobody owns this action yet.');
    await pro.getByRole('button', { name: 'Add the action' }).click();
    await expect.poll(() => family.getByTestId('actions').innerText()).toContain('Dad to engage with services');
    await pro.getByLabel('What will be done').fill('Dad makes an evening meal every day');
    await pro.getByLabel('Who will do it').fill('Şükrü Yılmaz (Dad)');
    await pro.getByLabel('By when').fill('2027-01-15');
    await pro.getByLabel('How we will know it worked').fill('Zoë tells her teacher she had tea, each Monday check-in');
    await pro.getByLabel('Which danger statement it is for').selectOption({ label: 'Danger statement 1' });
    await pro.getByRole('button', { name: 'Add the action' }).click();
    await expect.poll(() => chair.getByTestId('actions').locator('li.action').count()).toBe(2);
    await shoot('5-plan');
  });

  it('contingency: "seek legal advice" alone is flagged', async () => {
    await chairMovesTo(chair, 'Contingency');
    await chair.getByTestId('contingency').fill('Seek legal advice.');
    await expect.poll(() => chair.locator('.warning').innerText()).toContain('not a contingency plan');
    await chair
      .getByTestId('contingency')
      .fill(
        'If Zoë keeps arriving at school hungry, we will meet within a week, and the social worker will ask for legal advice because it could lead to a court being asked to help decide what happens next.',
      );
    await expect.poll(() => chair.locator('.warning').count()).toBe(0);
    await expect.poll(() => family.getByTestId('contingency').inputValue()).toContain('meet within a week');
    await shoot('6-contingency');
  });

  it('decision: recommendations with reasons, and the chair’s decision on every screen', async () => {
    await chairMovesTo(chair, 'Decision');
    await pro.getByLabel('Child protection plan').check();
    await pro.getByLabel('Why', { exact: true }).fill('The worries about evenings are recent and serious.');
    await pro.getByRole('button', { name: 'Record my recommendation' }).click();
    await expect.poll(() => chair.getByTestId('recommendations').innerText()).toContain('Amira Khan');
    await chair.getByRole('radio', { name: 'Child protection plan' }).check();
    await chair.getByLabel('Neglect', { exact: true }).check();
    await chair
      .getByLabel('The reasons for the decision, for the family to read')
      .fill('Zoë needs regular meals and sleep, and a plan helps everyone make sure she gets them.');
    await chair.getByRole('button', { name: 'Record the decision' }).click();
    for (const page of [pro, family]) {
      await expect.poll(() => page.getByTestId('decision').innerText()).toContain('Child protection plan');
      await expect.poll(() => page.getByTestId('decision').innerText()).toContain('Neglect');
    }
    await shoot('7-decision');
  });

  it('next steps: dates in working days on every screen, with a warning for a missed timescale', async () => {
    await chairMovesTo(chair, 'Next steps');
    await chair.getByRole('button', { name: 'Fill in the dates the timescales give' }).click();
    for (const page of [pro, family]) {
      await expect.poll(() => page.getByTestId('next-steps').innerText()).toContain('Monday 7 December 2026');
      await expect.poll(() => page.getByTestId('next-steps').innerText()).toContain('Tuesday 23 February 2027');
    }
    await chair.getByLabel(/First core group meeting/).fill('2026-12-10');
    await expect.poll(() => chair.locator('.warning').first().innerText()).toContain('within 10 working days');
    await chair.getByLabel(/First core group meeting/).fill('2026-12-07');
    await chair.getByLabel('Şükrü Yılmaz (Dad)').check();
    await expect.poll(() => family.getByTestId('core-group').innerText()).toContain('Şükrü Yılmaz');
    await shoot('8-next-steps');
  });

  it('the end', async () => {
    await chairMovesTo(chair, 'End');
    await expect.poll(() => family.locator('main.stage-content').innerText()).toContain('The decision: Child protection plan.');
    await shoot('9-end');
  });

  it('the chair ends the meeting and the family takes the summary home as a PDF', async () => {
    await chair.getByRole('button', { name: 'Show chair’s controls' }).click();
    await chair.getByRole('button', { name: 'End the meeting' }).click();
    await chair.getByRole('button', { name: 'Yes, end the meeting' }).click();
    await family.getByTestId('locked-banner').waitFor();
    const downloading = family.waitForEvent('download');
    await family.getByTestId('locked-banner').getByRole('button', { name: 'Download the summary (PDF)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('conference-summary-2026-11-23-initial.pdf');
    const file = await download.path();
    const pdf = await getDocument({ data: new Uint8Array(fs.readFileSync(file)), disableFontFace: true }).promise;
    let text = '';
    for (let n = 1; n <= pdf.numPages; n++) {
      const content = await (await pdf.getPage(n)).getTextContent();
      text += content.items.map((i) => ('str' in i ? i.str : '')).join(' ') + ' ';
    }
    const flat = text.replace(/\s+/g, ' ');
    for (const expected of [
      'We go to the park together every Sunday',
      'Şükrü Yılmaz',
      'Dad makes an evening meal every day',
      'Child protection plan',
      'Neglect',
      'Monday 7 December 2026',
      `page 1 of ${pdf.numPages}`,
      'Confidential.',
    ])
      expect(flat).toContain(expected);
    // Items the chair did not confirm are left out by default.
    expect(flat).not.toContain('Two placements with relatives broke down');
    fs.mkdirSync('test-results/pdf', { recursive: true });
    fs.copyFileSync(file, 'test-results/pdf/downloaded-by-family.pdf');
  });
});
