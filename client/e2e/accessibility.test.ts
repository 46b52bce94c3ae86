import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { createConference, joinThroughLobby, startServer, type RunningServer } from '../../server/test/harness.js';
import { launchBrowser, screenshot } from './browser.js';
import { expectAccessible } from './a11y.js';

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

async function newPage(
  options: { width: number; height: number; deviceScaleFactor?: number } = { width: 1440, height: 900 },
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: options.width, height: options.height },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(10_000);
  contexts.push(context);
  return context.newPage();
}

/**
 * Moves focus with the Tab key only until `target` has it, then checks that the focus is visible
 * (an outline or ring is drawn) and not hidden under anything.
 */
async function tabTo(page: Page, target: Locator, maxPresses = 250): Promise<void> {
  const handle = await target.elementHandle();
  if (!handle) throw new Error('target not found');
  for (let i = 0; i < maxPresses; i++) {
    if (await handle.evaluate((el) => el === document.activeElement)) {
      const check = await handle.evaluate((el) => {
        el.scrollIntoView({ block: 'nearest' });
        const style = getComputedStyle(el);
        const visible = style.outlineStyle !== 'none' || style.boxShadow !== 'none';
        const r = el.getBoundingClientRect();
        const atCentre = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        const unobscured =
          atCentre !== null &&
          (el === atCentre || el.contains(atCentre) || atCentre.contains(el) || (el as HTMLElement).tagName === 'OPTION');
        return { visible, unobscured };
      });
      expect(check, `focus on ${await target.toString()}`).toEqual({ visible: true, unobscured: true });
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${target.toString()} with the Tab key`);
}

describe('accessibility', () => {
  it('the axe check finds a real violation (so a clean result means something)', async () => {
    const page = await newPage();
    await page.setContent('<html><body><main><img src="x.png"><button></button></main></body></html>');
    await expect(expectAccessible(page, 'a broken page')).rejects.toThrow(/accessibility of a broken page/);
  });

  it('a whole conference can be run with the keyboard alone', async () => {
    const page = await newPage();
    await page.goto(server.url);
    await tabTo(page, page.getByRole('button', { name: 'New conference' }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByLabel('Case reference'));
    await page.keyboard.type('CP-KEYBOARD-1');
    await tabTo(page, page.getByLabel('Your name (the chair)'));
    await page.keyboard.type('Keyboard Chair');
    await tabTo(page, page.getByLabel('Child 1 name or initials'));
    await page.keyboard.type('Ola');
    await tabTo(page, page.getByLabel('Age', { exact: true }));
    await page.keyboard.type('9');
    await tabTo(page, page.getByRole('button', { name: 'Create the conference' }));
    await page.keyboard.press('Enter');
    await page.getByText('Live', { exact: true }).waitFor();
    await expectAccessible(page, 'the chair at the introductions');

    const stage = (name: string | RegExp): Locator =>
      page.getByRole('navigation', { name: 'Stages of the conference' }).getByRole('button', { name });
    await tabTo(page, stage(/Information sharing/));
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByLabel('Add to Danger / Risks'));
    await page.keyboard.type('The window catch in the bedroom is broken');
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByRole('button', { name: /^Confirm item: The window/ }));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('section[data-column="danger"] .badge').first().innerText()).toBe('Confirmed');
    // The single-pointer alternative to dragging, by keyboard: Move to… then a heading.
    await tabTo(page, page.getByRole('button', { name: /^Move item: The window/ }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByRole('button', { name: 'To Complicating factors' }));
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('section[data-column="complicating"] .card-text').allInnerTexts())
      .toEqual(['The window catch in the bedroom is broken']);
    await expectAccessible(page, 'the chair at the board');

    await tabTo(page, stage(/Danger statements/));
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByLabel('Danger statement', { exact: true }));
    await page.keyboard.type('The school is worried that Ola could fall from the window if the catch is not mended.');
    await tabTo(page, page.getByLabel('Safety goal'));
    await page.keyboard.type('Mum will get the catch mended this week and check it every month.');
    await tabTo(page, page.getByRole('button', { name: 'Add', exact: true }));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('danger-pairs').innerText()).toContain('catch is not mended');

    await tabTo(page, stage(/Scaling/));
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByLabel(/Your score/));
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await tabTo(page, page.getByRole('button', { name: 'Give my score' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('stats-0').innerText()).toContain('median) 8');
    await expectAccessible(page, 'the chair at scaling');

    await tabTo(page, stage(/Decision/));
    await page.keyboard.press('Enter');
    // A radio group is one Tab stop; the arrow keys choose within it.
    await tabTo(page, page.getByRole('radio', { name: 'Child protection plan' }));
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByRole('radio', { name: 'Child in need plan' }).isChecked()).toBe(true);
    await tabTo(page, page.getByLabel('The reasons for the decision, for the family to read'));
    await page.keyboard.type('The family are already mending things; support will help.');
    await tabTo(page, page.getByRole('button', { name: 'Record the decision' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('decision').innerText()).toContain('Child in need plan');

    await tabTo(page, stage(/Next steps/));
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByRole('button', { name: 'Fill in the dates the timescales give' }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByRole('button', { name: 'End the meeting' }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByRole('button', { name: 'Yes, end the meeting' }));
    await page.keyboard.press('Enter');
    await page.getByTestId('locked-banner').waitFor();
    await expectAccessible(page, 'the chair after the meeting');
  });

  it('at 200% zoom nothing needs scrolling sideways and the board still works', async () => {
    const conf = await createConference(server);
    // 200% zoom of a 1440-wide laptop screen: 720 CSS pixels wide.
    const page = await newPage({ width: 720, height: 450, deviceScaleFactor: 2 });
    await page.goto(`${server.url}${conf.links.chair}`);
    await page.getByText('Live', { exact: true }).waitFor();
    await page
      .getByRole('navigation', { name: 'Stages of the conference' })
      .getByRole('button', { name: /Information sharing/ })
      .click();
    await page.getByLabel('Add to Grey areas').fill('Who else lives at the house?');
    await page.getByLabel('Add to Grey areas').press('Enter');
    await expect
      .poll(() => page.locator('section[data-column="grey"] .card-text').allInnerTexts())
      .toEqual(['Who else lives at the house?']);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, 'zoom-200-board');
    await expectAccessible(page, 'the board at 200% zoom');
  });

  it('changes made by others are announced politely to screen readers', async () => {
    const conf = await createConference(server);
    const a = await newPage();
    const b = await newPage();
    const police = await joinThroughLobby(server, conf, conf.professionalToken, 'PC Jones', 'Police');
    await a.goto(`${server.url}${conf.links.chair}`);
    await b.goto(`${server.url}/c/${conf.id}#token=${police}`);
    for (const p of [a, b]) await p.getByText('Live', { exact: true }).waitFor();
    await a
      .getByRole('navigation', { name: 'Stages of the conference' })
      .getByRole('button', { name: /Information sharing/ })
      .click();
    await b.getByLabel('Add to Strengths / Protective factors').fill('Grandad does the school run');
    await b.getByLabel('Add to Strengths / Protective factors').press('Enter');
    await expect
      .poll(() => a.getByTestId('announcer').innerText(), { timeout: 15_000 })
      .toBe('Police added an item to Strengths / Protective factors.');
    expect(await a.getByTestId('announcer').getAttribute('aria-live')).toBe('polite');
  });
});
