import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createConference, startServer, type Conference, type RunningServer } from '../../server/test/harness.js';
import { launchBrowser, screenshot } from './browser.js';
import { chairMovesTo } from './flows.js';

let server: RunningServer;
let browser: Browser;
let conf: Conference;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer();
  conf = await createConference(server);
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop('SIGKILL');
});

async function openAsChair(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  context.setDefaultTimeout(15_000);
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${server.url}${conf.links.chair}`);
  await page.getByText('Live', { exact: true }).waitFor();
  return page;
}

const texts = (page: Page, column: string) => page.locator(`section[data-column="${column}"] .card-text`).allInnerTexts();

describe('when the connection drops', () => {
  it('keeps working offline, says how many changes wait, and converges on reconnect', async () => {
    const a = await openAsChair();
    const b = await openAsChair();
    await chairMovesTo(a, 'Information sharing');
    await b.getByRole('heading', { name: 'Information sharing: the board' }).waitFor();
    await a.getByLabel('Add to Safety').fill('Before the drop');
    await a.getByLabel('Add to Safety').press('Enter');
    await expect.poll(() => texts(b, 'safety')).toEqual(['Before the drop']);

    // The server goes away mid-meeting (as when the Wi-Fi drops): both screens say so.
    await server.stop('SIGTERM');
    for (const page of [a, b]) await expect.poll(() => page.getByTestId('connection-status').innerText()).toContain('Offline');

    // Typing carries on; the screen counts what waits to be sent.
    await a.getByLabel('Add to Safety').fill('Typed while offline, one');
    await a.getByLabel('Add to Safety').press('Enter');
    await a.getByLabel('Add to Strengths / Protective factors').fill('Typed while offline, two');
    await a.getByLabel('Add to Strengths / Protective factors').press('Enter');
    await b.getByLabel('Add to Grey areas').fill('The other screen typed too');
    await b.getByLabel('Add to Grey areas').press('Enter');
    await expect.poll(() => a.getByTestId('connection-status').innerText()).toContain('2 changes wait to be sent');
    await screenshot(a, 'offline-with-changes-waiting');

    server = await startServer({ dataDir: server.dataDir, port: server.port });
    for (const page of [a, b]) await page.getByText('Live', { exact: true }).waitFor({ timeout: 30_000 });
    for (const page of [a, b]) {
      await expect.poll(() => texts(page, 'safety')).toEqual(['Before the drop', 'Typed while offline, one']);
      await expect.poll(() => texts(page, 'strengths')).toEqual(['Typed while offline, two']);
      await expect.poll(() => texts(page, 'grey')).toEqual(['The other screen typed too']);
    }

    // Nothing of the conference was written to the device to do this.
    for (const page of [a, b]) {
      const storage = await page.evaluate(async () => ({
        local: window.localStorage.length,
        databases: (await window.indexedDB.databases()).length,
        session: Object.keys(window.sessionStorage).map((k) => k.split(':').pop()),
      }));
      expect(storage).toEqual({ local: 0, databases: 0, session: ['token'] });
    }
  });
});
