import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { addCard, allCards, chairRoomName, editCardText, setStage, type ColumnId } from '../shared/model/index.js';
import { connect, prepareRoom, type Target } from './clients.js';
import { ROOT, startRelay } from './relays.js';
import type { BenchOptions, Results } from './run.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length / 2) - 1)] ?? NaN;
};

function gzipSize(file: string): number {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).byteLength;
}

interface View {
  name: string;
  viewport: { width: number; height: number };
  query: string;
}

const VIEWS: View[] = [
  { name: "the chair's laptop", viewport: { width: 1440, height: 900 }, query: '' },
  { name: 'the wall (projector)', viewport: { width: 1920, height: 1080 }, query: '?view=projector' },
];

async function scriptSeconds(
  page: Page,
  cdp: { send: (m: 'Performance.getMetrics') => Promise<{ metrics: Array<{ name: string; value: number }> }> },
): Promise<number> {
  void page;
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'ScriptDuration')?.value ?? NaN;
}

export async function clientSection(options: BenchOptions, out: Results): Promise<void> {
  const dist = path.join(ROOT, 'dist/client');
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] as string);
  const js = initial.filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + gzipSize(path.join(dist, f)), 0);
  const css = initial.filter((f) => f.endsWith('.css')).reduce((sum, f) => sum + gzipSize(path.join(dist, f)), 0);
  out.client.push({
    label: 'initial JavaScript, gzipped',
    value: `${(js / 1024).toFixed(1)} KB`,
    target: '≤ 200 KB',
    met: js / 1024 <= 200,
  });
  out.client.push({ label: 'initial CSS, gzipped', value: `${(css / 1024).toFixed(1)} KB` });

  const { launchBrowser } = await import('../client/e2e/browser.js');
  const relay = await startRelay('ours');
  const browser = await launchBrowser();
  const reps = options.smoke ? 1 : 5;
  try {
    const items = options.smoke ? 10 : 300;
    const target: Target = { relay: 'ours', client: 'stock', wsUrl: relay.wsUrl, httpUrl: relay.httpUrl };
    const { room, token, author } = await prepareRoom({ relay: relay.name, httpUrl: relay.httpUrl });
    const seeder = connect(target, room, token);
    await seeder.synced;
    const columns: ColumnId[] = ['danger', 'safety', 'strengths', 'complicating', 'grey'];
    seeder.doc.transact(() => {
      for (let i = 0; i < items; i++) {
        addCard(seeder.doc, {
          column: columns[i % 5] as ColumnId,
          text: `Item ${i}: what was seen, said and done, in plain words for the record.`,
          author,
        });
      }
    });
    // The chair moves the conference to the board, where the items are shown.
    const chairDoc = connect(target, chairRoomName(room), token);
    await chairDoc.synced;
    setStage(chairDoc.doc, 'board');
    await sleep(1000);
    chairDoc.destroy();
    const ids = allCards(seeder.doc).map((c) => c.id);
    for (const view of VIEWS) {
      const fromNavigation: number[] = [];
      const fromFirstMessage: number[] = [];
      const scripting: number[] = [];
      let rendered = { items: NaN, renders: NaN };
      for (let rep = 0; rep < reps; rep++) {
        const context = await browser.newContext({ viewport: view.viewport });
        await context.addInitScript({ content: `window.__benchItems = ${items};` });
        await context.addInitScript({ path: path.join(ROOT, 'bench/page-instrument.js') });
        const page = await context.newPage();
        page.on('pageerror', (err) => options.log(`page error (${view.name}): ${err.message}`));
        await page.goto(`${relay.httpUrl}/c/${room}${view.query}#token=${token}`);
        await page.waitForFunction(() => (window as unknown as { __bench: { allShown: number | null } }).__bench.allShown !== null, null, {
          polling: 100,
          timeout: 60_000,
        });
        const t = await page.evaluate(() => {
          const { allShown, firstBoardMessage } = (window as unknown as { __bench: { allShown: number; firstBoardMessage: number } })
            .__bench;
          return { allShown, firstBoardMessage };
        });
        fromNavigation.push(t.allShown);
        fromFirstMessage.push(t.allShown - t.firstBoardMessage);
        if (rep === 0) {
          // Remote edits, made by someone else: the scripting they cost this screen, beyond what the
          // same time costs when nothing happens; then, separately, which items rendered again.
          const cdp = await context.newCDPSession(page);
          await cdp.send('Performance.enable');
          await sleep(1000);
          for (let edit = 0; edit < (options.smoke ? 2 : 7); edit++) {
            const idle0 = await scriptSeconds(page, cdp);
            await sleep(400);
            const idle1 = await scriptSeconds(page, cdp);
            const text = `Edited remotely on ${view.name}, number ${edit}: what was said, in plain words.`;
            editCardText(seeder.doc, ids[(edit * 37) % ids.length] as string, text, author);
            await sleep(400);
            const after = await scriptSeconds(page, cdp);
            // The first two edits warm the page's code up; they are not counted.
            if (edit >= 2 || options.smoke) scripting.push((after - idle1 - (idle1 - idle0)) * 1000);
          }
          await page.evaluate(() => (window as unknown as { __bench: { track: () => void } }).__bench.track());
          editCardText(seeder.doc, ids[5] as string, `Edited once more on ${view.name}, to see what renders.`, author);
          await sleep(500);
          rendered = await page.evaluate(() => {
            const { rendered: items, renders } = (window as unknown as { __bench: { rendered: Set<string>; renders: number } }).__bench;
            return { items: items.size, renders };
          });
        }
        await context.close();
      }
      const shown = median(fromNavigation);
      const afterMessage = median(fromFirstMessage);
      out.client.push({
        label: `${view.name}: ${items}-item board fully shown, from navigation (median of ${reps})`,
        value: `${shown.toFixed(0)} ms`,
        target: '< 400 ms',
        met: shown < 400,
      });
      out.client.push({
        label: `${view.name}: from the board's first sync message to every item painted (median of ${reps})`,
        value: `${afterMessage.toFixed(0)} ms`,
        target: '< 100 ms',
        met: afterMessage < 100,
      });
      out.client.push({
        label: `${view.name}: scripting for one remote edit (median of ${scripting.length})`,
        value: `${median(scripting).toFixed(1)} ms`,
        target: '≤ 20 ms',
        met: median(scripting) <= 20,
      });
      out.client.push({
        label: `${view.name}: items whose component rendered again for one remote edit (renders in all)`,
        value: `${rendered.items} (${rendered.renders})`,
        target: '1',
        met: rendered.items <= 1,
      });
    }
    seeder.destroy();
  } finally {
    await browser.close();
    await relay.stop();
  }
  // The large summary PDF: 3 children, 300 items, 4 danger statements, 40 actions, 12 participants.
  const { buildFixture, buildScriptsFixture } = await import('../shared/pdf/fixtures.js');
  const { buildSummaryPdf, summaryFaces } = await import('../shared/pdf/summary.js');
  const { latinFonts, shapingKit } = await import('../shared/pdf/nodeFonts.js');
  const { conferenceSnapshot } = await import('../shared/model/index.js');
  const fonts = latinFonts();
  const timePdf = (
    snapshot: ReturnType<typeof conferenceSnapshot>,
    withFonts: typeof fonts,
  ): { ms: number; bytes: number; runs: number } => {
    const times: number[] = [];
    let bytes = 0;
    for (let rep = 0; rep < (options.smoke ? 1 : 5); rep++) {
      const t0 = performance.now();
      bytes = buildSummaryPdf(snapshot, withFonts).byteLength;
      times.push(performance.now() - t0);
    }
    return { ms: median(times), bytes, runs: times.length };
  };
  const fixture = buildFixture('large');
  const large = timePdf(conferenceSnapshot(fixture.doc, fixture.chairDoc), fonts);
  out.client.push({
    label: `build the large summary PDF in Node (3 children, 300 items, 4 danger statements, 40 actions, 12 people), median of ${large.runs}`,
    value: `${large.ms.toFixed(0)} ms, ${(large.bytes / 1024).toFixed(0)} KB`,
    target: '< 1 s',
    met: large.ms < 1000,
  });
  // A record in Urdu, Arabic, Bengali, Punjabi and Polish: loading HarfBuzz and four Noto fonts, then the PDF.
  const scripts = buildScriptsFixture();
  const scriptsSnapshot = conferenceSnapshot(scripts.doc, scripts.chairDoc);
  const t0 = performance.now();
  const shaping = await shapingKit(summaryFaces(scriptsSnapshot));
  const loadMs = performance.now() - t0;
  const shaped = timePdf(scriptsSnapshot, { ...fonts, shaping });
  out.client.push({
    label: `build the summary PDF of a record in five scripts in Node (loading HarfBuzz and 4 Noto fonts, then the PDF), median of ${shaped.runs}`,
    value: `${loadMs.toFixed(0)} ms + ${shaped.ms.toFixed(0)} ms, ${(shaped.bytes / 1024).toFixed(0)} KB`,
  });
}
