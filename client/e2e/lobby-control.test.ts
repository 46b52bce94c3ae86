import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import path from 'node:path';
import { Database } from '../../server/store/sqlite-driver.js';
import { createConference, startServer, type RunningServer } from '../../server/test/harness.js';
import { launchBrowser, screenshot } from './browser.js';
import { expectAccessible } from './a11y.js';
import { askToJoin, chairMovesTo, createConferenceInBrowser, letIn } from './flows.js';

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

async function newPage(viewport = { width: 1440, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(10_000);
  contexts.push(context);
  return context.newPage();
}

describe('the chair controls who is in', () => {
  it('declines everyone waiting at once, and removes someone already let in, with the keyboard', async () => {
    const chair = await newPage();
    await createConferenceInBrowser(chair, server.url);
    const familyLink = await chair.getByTestId('invite-family').inputValue();
    const strangers = [await newPage(), await newPage()];
    await askToJoin(strangers[0] as Page, familyLink, 'Not Invited One', 'Mum', 'Who you are in the family');
    await askToJoin(strangers[1] as Page, familyLink, 'Not Invited Two', 'Dad', 'Who you are in the family');
    await expect.poll(() => chair.getByTestId('lobby').getByRole('listitem').count()).toBe(2);

    await chair.getByRole('button', { name: 'Decline everyone waiting (2)' }).click();
    await chair.getByRole('button', { name: 'Yes, decline all 2' }).click();
    await chair.getByText('2 people were not let in.').waitFor();
    await chair.getByText('Nobody is waiting.').waitFor();
    for (const s of strangers) await s.getByText('You have not been let in').waitFor();

    const parent = await newPage({ width: 820, height: 1180 });
    await askToJoin(parent, familyLink, 'Şükrü Yılmaz', 'Dad', 'Who you are in the family');
    await letIn(chair, parent, 'Şükrü Yılmaz');
    await expect.poll(() => chair.getByTestId('admitted').innerText()).toContain('Şükrü Yılmaz');

    // With the keyboard alone: focus the button, Enter; the question's answer takes the focus.
    await chair.getByRole('button', { name: 'Remove Şükrü Yılmaz from the conference' }).focus();
    await chair.keyboard.press('Enter');
    const yes = chair.getByRole('button', { name: 'Yes, remove Şükrü Yılmaz' });
    await expect.poll(() => yes.evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAccessible(chair, 'the chair’s screen asking before removing someone');
    await screenshot(chair, 'chair-removes-someone');
    await chair.keyboard.press('Enter');
    await chair.getByText('Şükrü Yılmaz has been removed. Their link no longer works.').waitFor();
    await parent.getByText('The chair removed you from this conference.').first().waitFor();
    await parent.reload();
    await parent.getByText('This link is not valid for this conference.').waitFor();
    await expect.poll(() => chair.getByText('Nobody has been let in yet.').count()).toBe(1);
  });

  it('takes off what one person added, for everyone, and leaves everyone else’s words', async () => {
    const chair = await newPage();
    await createConferenceInBrowser(chair, server.url);
    const link = await chair.getByTestId('invite-professional').inputValue();
    const flooder = await newPage();
    await askToJoin(flooder, link, 'Pat Flood', 'School');
    await letIn(chair, flooder, 'Pat Flood');
    await chairMovesTo(chair, 'Information sharing');
    const texts = (page: Page) => page.locator('section[data-column="strengths"] li.card .card-text').allInnerTexts();
    for (const words of ['Nonsense one', 'Nonsense two']) {
      await flooder.getByLabel('Add to Strengths / Protective factors').fill(words);
      await flooder.getByLabel('Add to Strengths / Protective factors').press('Enter');
    }
    await chair.getByLabel('Add to Strengths / Protective factors').fill('Gran helps every afternoon');
    await chair.getByLabel('Add to Strengths / Protective factors').press('Enter');
    await expect.poll(() => texts(chair)).toHaveLength(3);

    await chair.getByRole('button', { name: 'Take off what Pat Flood added that is not confirmed' }).click();
    await expectAccessible(chair, 'the chair’s screen asking before taking off what someone added');
    await chair.getByRole('button', { name: 'Yes, take it off' }).click();
    await chair.getByText('What Pat Flood added that was not confirmed is off the board.').waitFor();
    await expect.poll(() => texts(chair)).toEqual(['Gran helps every afternoon']);
    await expect.poll(() => texts(flooder)).toEqual(['Gran helps every afternoon']);
  });

  it('warns the chair of a meeting left unended and unopened that it will be deleted', async () => {
    const conf = await createConference(server);
    await server.stop();
    const db = new Database(path.join(server.dataDir, 'conference-board.sqlite'));
    db.prepare('UPDATE conferences SET active_at = ? WHERE id = ?').run(Date.now() - 20 * 24 * 60 * 60 * 1000, conf.id);
    db.close();
    server = await startServer({ dataDir: server.dataDir });
    const chair = await newPage();
    await chair.goto(`${server.url}${conf.links.chair}`);
    const notice = chair.getByTestId('expiry-notice');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('nobody had opened it for 20 days');
    expect(await notice.innerText()).toContain('once nobody has opened it for 30 days');
    await chair.getByText('Live', { exact: true }).waitFor();
    await expectAccessible(chair, 'the chair’s screen with the expiry warning');
    await screenshot(chair, 'chair-expiry-warning');
  });
});
