import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { addCard, chairRoomName, conferenceSnapshot, setConfirmed } from '../../shared/model/index.js';
import { api, connectClient, createConference, startServer, synced, waitFor, whoIs, type RunningServer } from '../../server/test/harness.js';
import { launchBrowser } from './browser.js';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop('SIGKILL');
});

/** A conference with one confirmed item, ended by the chair. */
async function endedConference(item: string, child: string): Promise<{ link: string }> {
  const conf = await createConference(server, { children: [{ name: child, age: 6 }] });
  const board = connectClient(server, conf.id, conf.chairToken);
  const chair = connectClient(server, chairRoomName(conf.id), conf.chairToken);
  await Promise.all([synced(board.provider), synced(chair.provider)]);
  const card = addCard(board.doc, {
    column: 'strengths',
    text: item,
    author: await whoIs(server, conf.id, conf.chairToken),
  });
  setConfirmed(chair.doc, card.id, true);
  // Another client sees the confirmed item: the server has both changes before the meeting ends.
  const check = [connectClient(server, conf.id, conf.chairToken), connectClient(server, chairRoomName(conf.id), conf.chairToken)] as const;
  await waitFor(
    () => conferenceSnapshot(check[0].doc, check[1].doc).board.strengths.some((c) => c.text === item && c.confirmed),
    'the confirmed item on the server',
  );
  for (const c of [board, chair, ...check]) c.provider.destroy();
  expect((await api(server, 'POST', `/api/conferences/${conf.id}/lock`, conf.chairToken)).status).toBeLessThan(300);
  return { link: `${server.url}${conf.links.chair}` };
}

/**
 * Clicks the download button and returns the PDF's text and every file the page fetched, apart
 * from the screen's own web fonts (a device without a script's font is sent one for what it shows,
 * the language list included): the PDF fetches its fonts itself.
 */
async function download(link: string): Promise<{ text: string; fetched: string[] }> {
  const context = await browser.newContext({ acceptDownloads: true });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const fetched: string[] = [];
  page.on('request', (r) => r.resourceType() !== 'font' && fetched.push(new URL(r.url()).pathname));
  await page.goto(link);
  await page.getByTestId('locked-banner').waitFor();
  const downloading = page.waitForEvent('download');
  await page.getByTestId('locked-banner').getByRole('button', { name: 'Download the summary (PDF)' }).click();
  const file = await (await downloading).path();
  const pdf = await getDocument({ data: new Uint8Array(fs.readFileSync(file)), disableFontFace: true }).promise;
  let text = '';
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    text += content.items.map((i) => ('str' in i ? i.str : '')).join(' ') + ' ';
  }
  await context.close();
  return { text: text.replace(/\s+/g, ' '), fetched };
}

describe('the summary PDF in the browser', () => {
  it('an Urdu record: one click loads HarfBuzz and the Nastaliq font only, and the PDF holds the Urdu as typed', async () => {
    const { link } = await endedConference('ہم ہر شام بچوں کو کھانا دیں گے', 'زینب');
    const { text, fetched } = await download(link);
    expect(text).toContain('ہم ہر شام بچوں کو کھانا دیں گے');
    expect(text).toContain('زینب');
    expect(fetched.some((f) => f.endsWith('.wasm'))).toBe(true);
    expect(fetched.some((f) => /NotoNastaliqUrdu_400Regular/.test(f))).toBe(true);
    expect(fetched.filter((f) => /Noto(Sans(Bengali|Gurmukhi)|NaskhArabic)|_700Bold/.test(f))).toEqual([]);
  });

  it('a Latin record loads no shaping engine and no Noto font', async () => {
    const { link } = await endedConference('Gran stays over on Thursdays', 'Zoë');
    const { text, fetched } = await download(link);
    expect(text).toContain('Gran stays over on Thursdays');
    expect(fetched.filter((f) => f.endsWith('.wasm') || /Noto/.test(f))).toEqual([]);
  });
});
