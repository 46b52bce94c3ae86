import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/test/harness.js';
import { launchBrowser, screenshot } from './browser.js';
import { expectAccessible } from './a11y.js';
import { askToJoin, chairMovesTo, createConferenceInBrowser, expectPresence, letIn } from './flows.js';

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

describe('a conference with a chair, a professional and the family', () => {
  let chair: Page;
  let professional: Page;
  let family: Page;

  it('both join through their invitation and the lobby, and everyone sees everyone', async () => {
    chair = await newPage();
    await chair.goto(server.url);
    await expectAccessible(chair, 'the landing page');
    await chair.getByRole('button', { name: 'New conference' }).click();
    await expectAccessible(chair, 'the new conference form');
    await createConferenceInBrowser(chair, server.url);
    await expectAccessible(chair, 'the chair’s screen with the invitations');
    await expect.poll(() => chair.getByRole('heading', { level: 1 }).innerText()).toBe('Initial child protection conference');
    await expect.poll(() => chair.locator('.subtitle').innerText()).toContain('Zoë (7), Łukasz (4)');
    const professionalLink = await chair.getByTestId('invite-professional').inputValue();
    const familyLink = await chair.getByTestId('invite-family').inputValue();
    await chair.getByRole('button', { name: 'Show QR code' }).first().click();
    await chair.getByRole('img', { name: 'QR code: Link for professionals' }).waitFor();

    professional = await newPage();
    family = await newPage({ width: 820, height: 1180 });
    await professional.goto(professionalLink);
    await expectAccessible(professional, 'the join form');
    await askToJoin(professional, professionalLink, 'PC Jones', 'Police');
    await expectAccessible(professional, 'the lobby');
    await askToJoin(family, familyLink, 'Şükrü Yılmaz', 'Dad', 'Who you are in the family');
    // Nobody in the lobby sees any of the conference.
    expect(await family.locator('section[data-column]').count()).toBe(0);
    expect(await family.content()).not.toContain('CP-2026-0147');

    await expect.poll(() => chair.getByTestId('lobby').innerText()).toContain('PC Jones');
    await expect.poll(() => chair.getByTestId('lobby').innerText()).toContain('Şükrü Yılmaz');
    await screenshot(chair, 'chair-lobby');
    await letIn(chair, professional, 'PC Jones');
    await letIn(chair, family, 'Şükrü Yılmaz');

    for (const page of [chair, professional, family]) await expectPresence(page, ['Ruth Adeyemi', 'PC Jones', 'Şükrü Yılmaz']);
    await chairMovesTo(chair, 'Information sharing');
    // The family sees the plain headings.
    await family.getByRole('tab', { name: /What is going well/ }).waitFor();
  });

  it('everyone adds to the board', async () => {
    // The family's tablet shows one heading at a time, with large tabs.
    await family.getByRole('tab', { name: /What is going well/ }).click();
    await family.getByLabel('Add to What is going well').fill('We go to the park together every Sunday');
    await family.getByLabel('Add to What is going well').press('Enter');
    await professional.getByLabel('Add to Danger / Risks').fill('Police were called to the house twice in May');
    await professional.getByLabel('Add to Danger / Risks').press('Enter');
    await expect
      .poll(() => chair.locator('section[data-column="strengths"] .card-text').allInnerTexts())
      .toEqual(['We go to the park together every Sunday']);
    await family.getByRole('tab', { name: /What we are worried about/ }).click();
    await expect
      .poll(() => family.locator('section[data-column="danger"] .card-text').allInnerTexts())
      .toEqual(['Police were called to the house twice in May']);
    await screenshot(family, 'board-tablet-family');
  });

  it('the chair ends the meeting and every screen becomes read-only', async () => {
    await chair.getByRole('button', { name: 'End the meeting' }).click();
    await chair.getByRole('button', { name: 'Yes, end the meeting' }).click();
    for (const page of [chair, professional, family]) {
      await page.getByTestId('locked-banner').waitFor();
      await expect.poll(() => page.getByLabel(/^Add to /).count()).toBe(0);
      await expect.poll(() => page.getByRole('button', { name: /^Edit item/ }).count()).toBe(0);
    }
    await screenshot(professional, 'board-laptop-locked');

    // The audit trail says who came and went, never what was written.
    await chair.getByRole('button', { name: 'Show the audit trail' }).click();
    await expect.poll(() => chair.getByTestId('audit').innerText()).toContain('Şükrü Yılmaz (Dad) was let in');
    expect(await chair.getByTestId('audit').innerText()).not.toContain('park');

    // Deleting the data closes everyone's connection with a message.
    await chair.getByRole('button', { name: 'Delete this conference’s data' }).click();
    await chair.getByRole('button', { name: 'Yes, delete everything' }).click();
    await expect.poll(() => family.getByRole('alert').first().innerText()).toContain('This conference has been deleted.');
  });
});
