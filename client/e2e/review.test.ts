import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { addAction, addDangerPair, chairRoomName, readChairState, readDangerPairs, setOpenScore } from '../../shared/model/index.js';
import { api, connectClient, createConference, startServer, synced, waitFor, type Conference, type RunningServer } from '../../server/test/harness.js';
import { flat, readPdf, renderReviewImages } from '../../shared/pdf/testing/readBack.js';
import { launchBrowser, screenshot } from './browser.js';
import { expectAccessible } from './a11y.js';
import { askToJoin, chairMovesTo, createConferenceInBrowser, letIn } from './flows.js';
import { seedPeople } from './seed.js';

/**
 * Issue 13 in real Chromium against the real server: a conference prepared before the meeting by
 * the lead social worker and read first by the family ("no surprises"), then a review that carries
 * the work forward with the scores' trajectory and each action's progress.
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
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  context.setDefaultTimeout(10_000);
  contexts.push(context);
  return context.newPage();
}

/** With UPDATE_GUIDE=1 (`npm run guide`), the screen goes into the user guide in docs/guide/. */
async function guideImage(page: Page, name: string, part?: Locator): Promise<void> {
  await screenshot(page, name);
  if (process.env.UPDATE_GUIDE !== '1') return;
  fs.mkdirSync(path.resolve('docs/guide'), { recursive: true });
  const file = path.resolve('docs/guide', `${name}.png`);
  await (part ? part.screenshot({ path: file }) : page.screenshot({ path: file, fullPage: false }));
}

const shownStage = (page: Page) => page.locator('main.stage-content').getAttribute('data-stage');
const goTo = async (page: Page, stage: RegExp): Promise<void> =>
  page.getByRole('navigation', { name: 'Stages of the conference' }).getByRole('button', { name: stage }).click();

describe('preparing before the meeting: no surprises for the family', () => {
  it('the lead social worker prepares, the family reads it first and adds a view, the chair sees it was read and opens the meeting', async () => {
    const chair = await newPage({ width: 1440, height: 900 });
    await createConferenceInBrowser(chair, server.url, 'Ruth Adeyemi', { prepare: true });
    await expect.poll(() => chair.getByTestId('preparing-banner').innerText()).toContain('The meeting has not started');
    await expect.poll(() => chair.getByTestId('family-read').innerText()).toBe('The family has not opened what was prepared yet.');

    // The chair names the lead social worker with a link of their own.
    const leadInvitation = chair.getByRole('region', { name: 'Link for the lead social worker' });
    await leadInvitation.getByRole('button', { name: 'Make a new link' }).click();
    const leadLink = await chair.getByTestId('invite-lead').inputValue();
    const lead = await newPage({ width: 1440, height: 900 });
    await askToJoin(lead, leadLink, 'Sarah Okafor', 'Social worker');
    await letIn(chair, lead, 'Sarah Okafor');
    await expect.poll(() => lead.getByTestId('preparing-banner').innerText()).toContain('nobody gives scores');

    // The lead drafts a danger statement and safety goal …
    await goTo(lead, /Danger statements/);
    await expect.poll(() => shownStage(lead)).toBe('danger');
    await lead
      .getByLabel('Danger statement', { exact: true })
      .fill('The school is worried that Zoë arrives late and hungry; if nothing changes she could fall behind and become ill.');
    await lead.getByLabel('Safety goal').fill('Zoë gets to school on time with breakfast every day, for six months.');
    await lead.getByRole('button', { name: 'Add', exact: true }).click();
    // … and an item on the board, saying where it came from.
    await goTo(lead, /Information sharing/);
    const danger = lead.locator('section[data-column="danger"]');
    await danger.getByLabel(/^Where it came from/).fill('from the school’s report');
    await danger.getByLabel(/^Add to Danger/).fill('Zoë was late nine times this term');
    await danger.getByLabel(/^Add to Danger/).press('Enter');
    await expect.poll(() => danger.locator('li.card').first().innerText()).toContain('Where it came from: from the school’s report');

    // The family opens their link before the meeting and reads what was prepared, in plain words.
    await chairMovesTo(chair, 'Information sharing');
    const familyLink = await chair.getByTestId('invite-family').inputValue();
    const family = await newPage({ width: 820, height: 1180 });
    await askToJoin(family, familyLink, 'Magdalena', 'Mum', 'Who you are in the family');
    await letIn(chair, family, 'Magdalena');
    await expect.poll(() => family.getByTestId('preparing-banner').innerText()).toContain('so that you can read it first');
    await expect.poll(() => shownStage(family)).toBe('board');
    await family.getByRole('tab', { name: /What we are worried about/ }).click();
    const item = family.locator('section[data-column="danger"] li.card').first();
    await expect.poll(() => item.innerText()).toContain('Zoë was late nine times this term');
    await expect.poll(() => item.innerText()).toContain('from the school’s report');
    await item.getByRole('button', { name: /^Add your view/ }).click();
    await item.getByLabel('Your view: this is not right because…').fill('Two of those days the bus did not come.');
    await item.getByRole('button', { name: 'Add my view' }).click();

    // The chair and the lead see the view beside the item, and that the family read it, and when.
    const chairItem = chair.locator('section[data-column="danger"] li.card').first();
    await expect.poll(() => chairItem.getByTestId('views').innerText()).toContain('The view of Magdalena: Two of those days the bus did not come.');
    for (const page of [chair, lead]) await expect.poll(() => page.getByTestId('family-read').innerText()).toMatch(/^Magdalena read what was prepared at /);
    // Nothing is confirmed before the meeting: the chair has no Confirm button yet.
    expect(await chairItem.getByRole('button', { name: /^Confirm item/ }).count()).toBe(0);
    await chair.getByRole('button', { name: 'Hide chair’s controls' }).click();
    await expectAccessible(chair, 'the chair’s screen while preparing');
    await expectAccessible(lead, 'the lead social worker’s screen while preparing');
    await expectAccessible(family, 'the family’s tablet while preparing');
    await guideImage(chair, '10-preparing');
    await guideImage(family, '10-preparing-family');

    // The chair opens the meeting: what was prepared is there, proposed, ready to confirm; nothing is new to the family.
    await chair.getByTestId('preparing-banner').getByRole('button', { name: 'Open the meeting' }).click();
    for (const page of [chair, lead, family]) await expect.poll(() => page.getByTestId('preparing-banner').count()).toBe(0);
    await chairMovesTo(chair, 'Information sharing');
    await expect.poll(() => chairItem.locator('.badge').first().innerText()).toBe('Proposed');
    await expect.poll(() => item.locator('.badge').first().innerText()).toBe('Not checked yet');
    await chairItem.getByRole('button', { name: /^Confirm item/ }).click();
    await expect.poll(() => item.locator('.badge').first().innerText()).toBe('Agreed');
    await chairMovesTo(chair, 'Danger statements and safety goals');
    await expect.poll(() => family.getByTestId('danger-pairs').innerText()).toContain('arrives late and hungry');
  });
});

/** An initial conference and its first review, held and ended through the API: the second review is started in the browser. */
async function heldReview(): Promise<Conference> {
  const initial = await createConference(server);
  const first = await seedPeople(server, initial);
  await first.as('pro', (doc, me) => {
    const pairId = addDangerPair(
      doc,
      {
        danger: 'The school is worried that Zoë comes to school hungry; if nothing changes she could become ill.',
        goal: 'Dad will make sure there is an evening meal every day, for six months.',
      },
      me,
    );
    setOpenScore(doc, { pairId, value: 2, nextStep: '' }, me);
    const now = Date.now();
    addAction(doc, { what: 'Dad makes an evening meal every day', who: 'Dad', byWhen: '2027-01-15', measure: 'Zoë tells her teacher', pairId, children: [0] }, me, now);
    addAction(doc, { what: 'Gran has Zoë for tea on Thursdays', who: 'Gran', byWhen: '', measure: '', pairId, children: [] }, me, now + 1);
  });
  await first.as('family', (doc, me) => setOpenScore(doc, { pairId: readDangerPairs(doc)[0]?.id ?? '', value: 6, nextStep: '' }, me));
  first.close();
  expect((await api(server, 'POST', `/api/conferences/${initial.id}/lock`, initial.chairToken)).status).toBe(200);
  const review = (await (await api(server, 'POST', `/api/conferences/${initial.id}/reviews`, initial.chairToken)).json()) as Conference;
  // The chair's screen is open when the chair opens the meeting (the server's change then reaches the loaded room).
  const chairScreen = connectClient(server, chairRoomName(review.id), review.chairToken);
  await synced(chairScreen.provider);
  expect((await api(server, 'POST', `/api/conferences/${review.id}/open`, review.chairToken)).status).toBe(200);
  await waitFor(() => !readChairState(chairScreen.doc).preparing, 'the review to be open');
  const second = await seedPeople(server, review);
  chairScreen.provider.destroy();
  // The family first (a review's scoring may be family first), then the chair.
  await second.as('family', (doc, me) => setOpenScore(doc, { pairId: readDangerPairs(doc)[0]?.id ?? '', value: 8, nextStep: '' }, me));
  await second.as('chair', (doc, me) => setOpenScore(doc, { pairId: readDangerPairs(doc)[0]?.id ?? '', value: 6, nextStep: '' }, me));
  second.close();
  expect((await api(server, 'POST', `/api/conferences/${review.id}/lock`, review.chairToken)).status).toBe(200);
  return review;
}

describe('a review conference carries the work forward', () => {
  it('the chair starts the review; the family tablet shows last time beside the scale; progress and the trajectory reach the PDF', async () => {
    const previous = await heldReview();
    const chair = await newPage({ width: 1440, height: 900 });
    await chair.goto(`${server.url}/c/${previous.id}#token=${previous.chairToken}`);
    await chair.getByTestId('locked-banner').waitFor();
    await goTo(chair, /End/);
    await chair.getByRole('button', { name: 'Start the review conference' }).click();
    await chair.waitForURL((url) => url.pathname.startsWith('/c/') && !url.pathname.includes(previous.id));
    await chair.getByText('Live', { exact: true }).waitFor();
    await expect.poll(() => chair.getByTestId('review-place').innerText()).toBe('Review 2. The first conference was on Monday 23 November 2026.');
    await expect.poll(() => chair.getByLabel('Date of this conference').inputValue()).toBe('2027-08-23');
    await expect.poll(() => chair.getByTestId('preparing-banner').count()).toBe(1);

    const familyLink = await chair.getByTestId('invite-family').inputValue();
    const family = await newPage({ width: 820, height: 1180 });
    await askToJoin(family, familyLink, 'Magdalena', 'Mum', 'Who you are in the family');
    await letIn(chair, family, 'Magdalena');
    await chair.getByTestId('preparing-banner').getByRole('button', { name: 'Open the meeting' }).click();
    await expect.poll(() => family.getByTestId('preparing-banner').count()).toBe(0);
    await chair.getByRole('button', { name: 'Hide chair’s controls' }).click();

    // Scaling: last time beside today's scores, in plain words on the family's tablet.
    await chairMovesTo(chair, 'Scaling');
    await expect.poll(() => shownStage(family)).toBe('scaling');
    await expect
      .poll(() => family.getByTestId('last-time').innerText())
      .toBe('Last time, on Tuesday 23 February 2027, the middle score was 7 (the scores went from 6 to 8)');
    await expect.poll(() => chair.getByTestId('last-time').innerText()).toBe('Last time (Tuesday 23 February 2027): median 7 (6 to 8)');
    await family.getByLabel(/Your score/).fill('8');
    await family.getByRole('button', { name: 'Give my score' }).click();
    // The trajectory: initial → review 1 → today, as a chart with its words, and as a table.
    const trajectory = chair.getByTestId('trajectory-0');
    await expect
      .poll(() => trajectory.locator('svg').getAttribute('aria-label'))
      .toBe(
        'Middle score (median) at each conference: Initial (Monday 23 November 2026): 4, Review 1 (Tuesday 23 February 2027): 7, Today (Monday 23 August 2027): 8',
      );
    expect(await trajectory.locator('tbody tr').count()).toBe(3);
    await expectAccessible(chair, 'the chair’s screen at a review’s scaling');
    await expectAccessible(family, 'the family’s tablet at a review’s scaling');
    await guideImage(chair, '11-review-scaling', chair.locator('section.scale-pair').first());

    // The plan: each carried action gets its progress, with a note, and says where it came from.
    await chairMovesTo(chair, 'The plan');
    const first = chair.getByTestId('actions').locator('li.action').first();
    await expect.poll(() => first.getByTestId('origin').innerText()).toBe('From the review conference, Tuesday 23 February 2027');
    await first.getByLabel('Partly done').check();
    await first.getByLabel('How it went').fill('Most evenings; not when Dad works late.');
    await first.getByRole('button', { name: 'Save the progress' }).click();
    await expect
      .poll(() => family.getByTestId('actions').locator('li.action').first().getByTestId('progress').innerText())
      .toBe('Progress: Partly done. Most evenings; not when Dad works late.');
    await expectAccessible(chair, 'the chair’s screen at a review’s plan');
    await guideImage(chair, '12-review-plan', chair.getByTestId('actions'));

    // The review's record: the progress and the trajectory, read back as text, and its first pages as images.
    await chair.getByRole('button', { name: 'Show chair’s controls' }).click();
    await chair.getByRole('button', { name: 'End the meeting' }).click();
    await chair.getByRole('button', { name: 'Yes, end the meeting' }).click();
    await chair.getByTestId('locked-banner').waitFor();
    const downloading = chair.waitForEvent('download');
    await chair.getByTestId('locked-banner').getByRole('button', { name: 'Download the summary (PDF)' }).click();
    const bytes = new Uint8Array(fs.readFileSync(await (await downloading).path()));
    const text = flat((await readPdf(bytes)).map((p) => p.text).join(' '));
    expect(text).toContain(
      'Middle score at each conference: initial conference, Monday 23 November 2026: 4; review 1, Tuesday 23 February 2027: 7; review 2, Monday 23 August 2027: 8.',
    );
    expect(text).toContain('What happened to the actions from the last conference');
    expect(text).toContain('Partly done');
    expect(text).toContain('Most evenings; not when Dad works late.');
    const images = renderReviewImages('review', bytes, 80).sort();
    expect(images.length).toBeGreaterThanOrEqual(2);
    if (process.env.UPDATE_GUIDE === '1')
      images.slice(0, 2).forEach((image, i) => fs.copyFileSync(image, path.resolve('docs/images', `review-page-${i + 1}.png`)));
  });
});
