import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/test/harness.js';
import { launchBrowser } from './browser.js';
import { askToJoin, createConferenceInBrowser, letIn } from './flows.js';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** Every Content-Security-Policy violation any page reported, as the console and the DOM event tell it. */
const violations: string[] = [];
/** Every websocket URL any page opened. */
const socketUrls: string[] = [];

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
  // Reported by the page itself, before any of its scripts run.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy|CSP violation/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
  });
  page.on('websocket', (ws) => socketUrls.push(ws.url()));
  return page;
}

const stageNav = (page: Page) => page.getByRole('navigation', { name: 'Stages of the conference' });
const shownStage = (page: Page) => page.locator('main.stage-content').getAttribute('data-stage');

describe('the Content-Security-Policy does not break the app', () => {
  it('is sent with the app page, and the browser enforces it', async () => {
    const res = await fetch(`${server.url}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const page = await newPage({ width: 1280, height: 800 });
    await page.goto(server.url);
    // An inline script is refused and reported: the listener above works.
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.inlineRan = true';
      document.body.appendChild(s);
    });
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
    violations.length = 0;
  });

  it('every stage on the chair’s, a parent’s and the projector’s screens, the QR codes and the PDF, without a violation', async () => {
    const chair = await newPage({ width: 1440, height: 900 });
    await createConferenceInBrowser(chair, server.url);
    const familyLink = await chair.getByTestId('invite-family').inputValue();
    const family = await newPage({ width: 820, height: 1180 });
    await askToJoin(family, familyLink, 'Şükrü Yılmaz', 'Dad', 'Who you are in the family');
    await letIn(chair, family, 'Şükrü Yılmaz');
    const chairToken = await chair.evaluate(() => Object.entries(window.sessionStorage).find(([k]) => k.endsWith(':token'))?.[1] ?? '');
    const projector = await newPage({ width: 1920, height: 1080 });
    const url = new URL(chair.url());
    await projector.goto(`${url.origin}${url.pathname}?view=projector#token=${chairToken}`);
    await projector.getByText('Live', { exact: true }).waitFor();

    // Every stage the navigation offers, in order (numbered; the timer's button is not a stage).
    const buttons = stageNav(chair)
      .getByRole('button')
      .filter({ hasText: /^\s*\d+/ });
    // A stage's number and name, without the mark beside the one the chair is at ("◀ chair").
    const stageName = (text: string): string => text.replace(/\s*[◀▶][^]*$/, '').trim();
    const stages = (await buttons.allInnerTexts()).map(stageName);
    expect(stages.length).toBeGreaterThan(5);
    const seen = new Set<string | null>();
    for (let i = 0; i < stages.length; i++) {
      await buttons.nth(i).click();
      await expect.poll(async () => stageName(await stageNav(chair).locator('[aria-current="step"]').innerText())).toBe(stages[i]);
      const stage = await shownStage(chair);
      seen.add(stage);
      await expect.poll(() => shownStage(family)).toBe(stage);
      await expect.poll(() => shownStage(projector)).toBe(stage);
    }
    expect(seen.size).toBe(stages.length);

    // The QR codes to join, on the projector.
    const qr = projector.getByRole('button', { name: /QR/ }).first();
    if (await qr.count()) {
      await qr.click();
      await expect.poll(() => projector.locator('img[src^="data:"]').count()).toBeGreaterThan(0);
    }

    // The end: the meeting is ended and the family downloads the summary PDF.
    const showControls = chair.getByRole('button', { name: 'Show chair’s controls' });
    if (await showControls.count()) await showControls.click();
    await chair.getByRole('button', { name: 'End the meeting' }).click();
    await chair.getByRole('button', { name: 'Yes, end the meeting' }).click();
    const downloading = family.waitForEvent('download');
    await family.getByTestId('locked-banner').getByRole('button', { name: 'Download the summary (PDF)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);

    expect(violations).toEqual([]);
    // Conference Board's own client keeps the token out of websocket URLs (and so out of proxy logs).
    expect(socketUrls.length).toBeGreaterThan(0);
    for (const u of socketUrls) expect(u).not.toContain('token');
  });
});
