import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addCard, addDangerPair, setConfirmed } from '../../shared/model/index.js';
import { flat, readPdf } from '../../shared/pdf/testing/readBack.js';
import { Database } from '../../server/store/sqlite-driver.js';
import { api, createConference, joinThroughLobby, startServer, type Conference, type RunningServer } from '../../server/test/harness.js';
import { launchBrowser, screenshot } from './browser.js';
import { expectAccessible } from './a11y.js';
import { chairMovesTo } from './flows.js';
import { moveTo, seedPeople, type Seeded } from './seed.js';

/**
 * After the meeting, as the family and the chair meet it: the family asks for a change on the
 * tablet, the chair accepts it, changes the item in the usual stage and publishes version 2, and the
 * family sees what became of their request and downloads version 2. With UPDATE_GUIDE=1 (`npm run
 * guide`) the screens go into the user guide (docs/guide/).
 */
const DAY_MS = 24 * 60 * 60 * 1000;
const CONTACT = 'the Child Protection Conference Service, cpconferences@example.gov.uk';
const ENV = { AMENDMENTS_CONTACT: CONTACT, RETENTION_DAYS: '365' };
const BEFORE = 'We go to the park together every Sunday';
const AFTER = 'We go to the park with Gran every Sunday';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let conf: Conference;
let seeded: Seeded;
let chair: Page;
let parent: Page;

async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  context.setDefaultTimeout(15_000);
  contexts.push(context);
  return context.newPage();
}

const linkFor = (c: Conference, token: string): string => `${server.url}/c/${c.id}#token=${token}`;

async function guideImage(page: Page, name: string): Promise<void> {
  await screenshot(page, `amendments-${name}`);
  if (process.env.UPDATE_GUIDE !== '1') return;
  const guide = path.resolve('docs/guide');
  fs.mkdirSync(guide, { recursive: true });
  await page.screenshot({ path: path.join(guide, `${name}.png`), fullPage: false });
}

/** A download's bytes, from a click that starts it. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Uint8Array }> {
  const downloading = page.waitForEvent('download');
  await click();
  const download = await downloading;
  return { name: download.suggestedFilename(), bytes: new Uint8Array(fs.readFileSync(await download.path())) };
}

beforeAll(async () => {
  server = await startServer({ env: ENV });
  browser = await launchBrowser();
  conf = await createConference(server);
  seeded = await seedPeople(server, conf);
  let item = '';
  await seeded.as('family', (doc, me) => {
    item = addCard(doc, { column: 'strengths', text: BEFORE, author: me }).id;
  });
  await seeded.as('chair', (doc, me) => {
    addDangerPair(doc, { danger: 'Zoë could be hurt if Dad drinks', goal: 'Zoë is safe at home' }, me);
  });
  await seeded.asChair((doc) => setConfirmed(doc, item, true));
  await moveTo(seeded, 'end');
  expect((await api(server, 'POST', `/api/conferences/${conf.id}/lock`, conf.chairToken)).status).toBe(200);
});

afterAll(async () => {
  seeded?.close();
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop('SIGKILL');
});

describe('asking for a change after the meeting, and version 2', () => {
  it('the end screen gives the deadline as a date, and the chair downloads the record as JSON and the plan as CSV', async () => {
    chair = await newPage({ width: 1440, height: 900 });
    await chair.goto(`${server.url}${conf.links.chair}`);
    await chair.getByTestId('locked-banner').waitFor();
    await chair.getByRole('button', { name: 'Hide chair’s controls' }).click();
    await expect.poll(() => chair.getByTestId('ask-by').innerText()).toMatch(/^Ask for changes by \w+day \d{1,2} \w+ 20\d\d\.$/);
    const json = await downloaded(chair, () => chair.getByRole('button', { name: 'Record for the case system (JSON)' }).click());
    expect(json.name).toBe('conference-record-2026-11-23-initial.json');
    const record = JSON.parse(new TextDecoder().decode(json.bytes)) as { version: number; items: Array<{ text: string }> };
    expect(record.version).toBe(1);
    expect(record.items.map((i) => i.text)).toContain(BEFORE);
    const csv = await downloaded(chair, () => chair.getByRole('button', { name: 'Plan as a spreadsheet (CSV)' }).click());
    expect(csv.name).toBe('conference-plan-2026-11-23-initial.csv');
    expect(new TextDecoder().decode(csv.bytes)).toContain('What will be done,Who,By when');
  });

  it('the family asks for a change on the tablet, and sees it waiting', async () => {
    parent = await newPage({ width: 820, height: 1180 });
    await parent.goto(linkFor(conf, seeded.familyToken));
    const after = parent.getByTestId('after-meeting');
    await after.getByRole('heading', { name: 'Your record of the meeting' }).waitFor();
    await expect.poll(() => after.innerText()).toMatch(/you can ask for it to be changed until \w+day \d{1,2} \w+ 20\d\d/);
    // Sending without saying what is wrong: a plain message, nothing lost.
    await after.getByLabel('Which part of the record').selectOption({ label: `An item on the board: ${BEFORE}` });
    await after.getByRole('button', { name: 'Send to the chair' }).click();
    await expect.poll(() => after.getByRole('alert').innerText()).toContain('what is wrong');
    await after.getByLabel('What is wrong').fill('Gran comes with us, and that matters.');
    await after.getByLabel('What it should say (if you know)').fill(AFTER);
    await expectAccessible(parent, 'the family’s page to ask for a change');
    await guideImage(parent, '10-ask-for-a-change');
    await after.getByRole('button', { name: 'Send to the chair' }).click();
    await expect.poll(() => after.getByRole('status').allInnerTexts()).toContain('Thank you. Your request has gone to the chair.');
    await expect.poll(() => after.getByTestId('request-outcome').innerText()).toBe('Waiting for the chair.');
    expect(await after.getByLabel('What is wrong').inputValue()).toBe('');
  });

  it('the chair sees who asked for what, accepts, changes the item in amendment mode and publishes version 2', async () => {
    await chair.reload();
    await chair.getByTestId('locked-banner').waitFor();
    const request = chair.getByTestId('chair-request');
    await expect.poll(() => request.innerText(), { timeout: 20_000 }).toContain('Magdalena, Mum, asked on');
    expect(await request.innerText()).toContain(`About: An item on the board: ${BEFORE}`);
    expect(await request.innerText()).toContain('What is wrong: Gran comes with us, and that matters.');
    expect(await request.innerText()).toContain(`What it should say: ${AFTER}`);
    // Nothing to change before accepting: the record is read-only and there is no Publish.
    expect(await chair.getByTestId('amending-banner').count()).toBe(0);
    expect(await chair.getByRole('button', { name: 'Publish version 2' }).count()).toBe(0);
    await expectAccessible(chair, 'the chair’s list of requests');
    await guideImage(chair, '11-requests-for-changes');
    // Declining needs a reason the family will read.
    await request.getByRole('button', { name: 'Decline', exact: true }).click();
    await request.getByRole('button', { name: 'Decline the request' }).click();
    await expect
      .poll(() => request.getByRole('alert').innerText())
      .toBe('Say why the record stays as it is: the person who asked will read it.');
    await request.getByRole('button', { name: 'Cancel' }).click();
    await request.getByRole('button', { name: 'Accept', exact: true }).click();
    await request.getByLabel('A note for Magdalena (if you want to add one)').fill('Thank you: I have added Gran.');
    await request.getByRole('button', { name: 'Accept and change the record' }).click();
    await expect
      .poll(() => chair.getByTestId('amending-banner').innerText())
      .toContain('You are changing the ended record; everyone else sees it as ended.');
    await expect.poll(() => request.innerText()).toContain('Accepted: change the record, then publish the new version.');
    await chairMovesTo(chair, 'Information sharing');
    const itemForChair = chair.locator('section[data-column="strengths"] li.card', { hasText: BEFORE });
    await itemForChair.getByRole('button', { name: /^Edit item/ }).click();
    await chair.getByLabel('Edit the item').fill(AFTER);
    await chair.getByLabel('Edit the item').press('Enter');
    await expect.poll(() => chair.locator('section[data-column="strengths"] .card-text').allInnerTexts()).toEqual([AFTER]);
    await guideImage(chair, '12-amending');
    await chair.getByRole('button', { name: 'Publish version 2' }).click();
    await expect.poll(() => chair.getByTestId('amending-banner').count()).toBe(0);
    await expect.poll(() => chair.getByTestId('versions').innerText()).toContain('Version 2,');
    await expect.poll(() => chair.getByTestId('chair-request').innerText()).toContain('Accepted, and changed in version 2.');
  });

  it('the family sees the outcome and version 2, and downloads it: the changed words and what changed, and why', async () => {
    const after = parent.getByTestId('after-meeting');
    await expect
      .poll(() => after.getByTestId('request-outcome').innerText(), { timeout: 30_000 })
      .toBe('Changed in version 2 of the record. The chair said: Thank you: I have added Gran.');
    const versions = parent.getByTestId('versions');
    await expect.poll(() => versions.innerText()).toMatch(/Version 2, \w+day .* \(the latest\) check code [0-9a-f]{4} [0-9a-f]{4}/);
    expect(await versions.innerText()).toContain('Version 1,');
    await expectAccessible(parent, 'the family’s page with the outcome and the versions');
    await guideImage(parent, '13-versions');
    const v2 = await downloaded(parent, () => parent.getByRole('button', { name: 'Download version 2 (PDF)' }).click());
    expect(v2.name).toBe('conference-summary-2026-11-23-initial-version-2.pdf');
    const pages = await readPdf(v2.bytes);
    const text = pages.map((p) => flat(p.text)).join('\n');
    expect(text).toContain(AFTER);
    const last = flat(pages[pages.length - 1]?.text ?? '');
    expect(last).toContain('What changed in version 2, and why');
    expect(last).toContain(`Before: ${BEFORE}`);
    expect(last).toContain(`Now: ${AFTER}`);
    expect(last).toContain('Magdalena, Mum, asked on');
    // Version 1 is still there as it was.
    const v1 = await downloaded(parent, () => parent.getByRole('button', { name: 'Download version 1 (PDF)' }).click());
    const v1Text = (await readPdf(v1.bytes)).map((p) => flat(p.text)).join('\n');
    expect(v1Text).toContain(BEFORE);
    expect(v1Text).not.toContain('What changed in version');
  });
});

describe('after the deadline', () => {
  it('the page says asking has closed, and whom to write to instead', async () => {
    const late = await createConference(server);
    const lateFamily = await joinThroughLobby(server, late, late.familyToken, 'Amira', 'Mum');
    expect((await api(server, 'POST', `/api/conferences/${late.id}/lock`, late.chairToken)).status).toBe(200);
    await server.stop();
    // Time passes: the meeting ended 30 days ago (as server/test/amendments.test.ts does it).
    const db = new Database(path.join(server.dataDir, 'conference-board.sqlite'));
    db.prepare('UPDATE conferences SET locked_at = ? WHERE id = ?').run(Date.now() - 30 * DAY_MS, late.id);
    db.close();
    server = await startServer({ dataDir: server.dataDir, env: ENV });
    const page = await newPage({ width: 820, height: 1180 });
    await page.goto(linkFor(late, lateFamily));
    const closed = page.getByTestId('ask-closed');
    await expect.poll(() => closed.innerText()).toContain('Asking for changes has closed');
    expect(await closed.innerText()).toMatch(
      new RegExp(
        `The time to ask for changes to this record ended on \\w+day \\d{1,2} \\w+ 20\\d\\d\\. To ask for a change now, write to ${CONTACT}\\.`,
      ),
    );
    expect(await page.getByRole('button', { name: 'Send to the chair' }).count()).toBe(0);
    await expectAccessible(page, 'the family’s page after the deadline');
  });
});
