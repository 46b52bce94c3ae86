import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** The chair fills in the new-conference form and lands on the board. */
export async function createConferenceInBrowser(
  page: Page,
  baseUrl: string,
  chairName = 'Ruth Adeyemi',
  options: { prepare?: boolean } = {},
): Promise<void> {
  await page.goto(baseUrl);
  await page.getByRole('button', { name: 'New conference' }).click();
  await page.getByLabel('Initial child protection conference').check();
  await page.getByLabel('Date of the conference').fill('2026-11-23');
  await page.getByLabel('Case reference').fill('CP-2026-0147');
  await page.getByLabel('Your name (the chair)').fill(chairName);
  await page.getByLabel('Child 1 name or initials').fill('Zoë');
  await page.getByLabel('Age', { exact: true }).first().fill('7');
  await page.getByRole('button', { name: 'Add another child' }).click();
  await page.getByLabel('Child 2 name or initials').fill('Łukasz');
  await page.getByLabel('Age', { exact: true }).nth(1).fill('4');
  if (options.prepare) await page.getByLabel(/^Prepare it before the meeting/).check();
  await page.getByRole('button', { name: 'Create the conference' }).click();
  await page.waitForURL(/\/c\/[A-Za-z0-9_-]{22}$/);
  await page.getByText('Live', { exact: true }).waitFor();
}

/** Opens an invitation link, gives a name and role, and waits in the lobby. */
export async function askToJoin(page: Page, link: string, name: string, role: string, roleField = 'Your role'): Promise<void> {
  await page.goto(link);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel(roleField).selectOption(role);
  await page.getByRole('button', { name: 'Join' }).click();
  await page.getByText('The chair will let you in shortly.').waitFor();
}

/** The chair lets a waiting person in; the person's screen then shows the board. */
export async function letIn(chair: Page, person: Page, name: string): Promise<void> {
  await chair.getByRole('button', { name: `Let ${name} in`, exact: true }).click();
  await person.getByText('Live', { exact: true }).waitFor();
}

export async function presenceOf(page: Page): Promise<string> {
  return page.getByTestId('presence').innerText();
}

export async function expectPresence(page: Page, names: string[]): Promise<void> {
  for (const name of names) await expect.poll(() => presenceOf(page)).toContain(name);
}

/** The chair moves everyone to a stage; waits until the chair's own screen shows it. */
export async function chairMovesTo(chair: Page, stage: string): Promise<void> {
  await chair.getByRole('navigation', { name: 'Stages of the conference' }).getByRole('button', { name: stage }).click();
  await expect
    .poll(() => chair.getByRole('navigation', { name: 'Stages of the conference' }).locator('[aria-current="step"]').innerText())
    .toContain(stage);
}
