import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { addCard, chairRoomName, setStage, type ColumnId } from '../shared/model/index.js';
import { connect, prepareRoom } from './clients.js';
import type { Scenario } from './load.js';
import { processUsage, RELAY_LABELS, RELAYS, ROOT, startRelay, type RelayName, type RunningRelay } from './relays.js';

export interface BenchOptions {
  smoke: boolean;
  /** Progress lines go here (stderr by default). */
  log: (line: string) => void;
}

interface LoadOutcome {
  result: Record<string, unknown>;
  cpuPercent: number | null;
  rssPeakBytes: number | null;
  samples: Record<string, number>;
  /** Ours only: updates checked against the rules in the measured time, and the time the checks took. */
  checks: { updates: number; micros: number } | null;
}

/** Our relay's running count of checked updates and their cost; null for the peers (they check nothing). */
async function checksOf(relay: RunningRelay): Promise<{ updates: number; micros: number } | null> {
  try {
    const health = (await (await fetch(`${relay.httpUrl}/healthz`)).json()) as { checks?: { updates: number; micros: number } };
    return health.checks ?? null;
  } catch {
    return null;
  }
}

/** Runs one scenario in a separate load-generator process while sampling the relay's CPU and memory. */
function runLoad(relay: RunningRelay, scenario: Scenario): Promise<LoadOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/load.ts'), JSON.stringify(scenario)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffer = '';
    let stderr = '';
    let window: { t0: number; cpu0: number } | null = null;
    let cpuPercent: number | null = null;
    // Our relay counts the updates it checks and the time the checks take (/healthz).
    let checks0: Promise<{ updates: number; micros: number } | null> = Promise.resolve(null);
    let checkCost: Promise<{ updates: number; micros: number } | null> = Promise.resolve(null);
    let rssPeak = 0;
    const samples: Record<string, number> = {};
    const rssTimer = setInterval(() => {
      if (window) rssPeak = Math.max(rssPeak, processUsage(relay.pid).rssBytes);
    }, 200);
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      buffer += d.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        let msg: { event?: string; name?: string; result?: Record<string, unknown>; message?: string };
        try {
          msg = JSON.parse(line) as typeof msg;
        } catch {
          continue;
        }
        if (msg.event === 'measure-start') {
          window = { t0: performance.now(), cpu0: processUsage(relay.pid).cpuMs };
          rssPeak = processUsage(relay.pid).rssBytes;
          checks0 = checksOf(relay);
        } else if (msg.event === 'measure-end' && window) {
          cpuPercent = ((processUsage(relay.pid).cpuMs - window.cpu0) / (performance.now() - window.t0)) * 100;
          window = null;
          const before = checks0;
          checkCost = checksOf(relay).then(async (after) => {
            const b = await before;
            return after && b ? { updates: after.updates - b.updates, micros: after.micros - b.micros } : null;
          });
        } else if (msg.event === 'sample' && msg.name) {
          samples[msg.name] = processUsage(relay.pid).rssBytes;
        } else if (msg.event === 'result' && msg.result) {
          clearInterval(rssTimer);
          const result = msg.result;
          void checkCost.then((checks) => resolve({ result, cpuPercent, rssPeakBytes: rssPeak || null, samples, checks }));
        } else if (msg.event === 'error') {
          clearInterval(rssTimer);
          reject(new Error(`load generator: ${msg.message}`));
        }
      }
    });
    child.on('exit', (code) => {
      clearInterval(rssTimer);
      // A resolved promise ignores this; an exit without a result is a failure.
      reject(new Error(`load generator exited with ${code} without a result: ${stderr.slice(-2000)}`));
    });
  });
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

const median = (values: readonly number[]): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

export interface LatencyRow {
  scenario: string;
  relay: RelayName;
  p50: number;
  p95: number;
  p99: number;
  /** p99 of each repetition (window) of the measured time. */
  p99ByWindow: number[];
  max: number;
  undelivered: number;
  deliveries: number;
  cpuPercent: number | null;
  rssMb: number | null;
  /** Ours only: mean CPU time of the schema and rules check per update, µs. */
  checkMicrosPerUpdate: number | null;
}

export interface Results {
  machine: string;
  date: string;
  smoke: boolean;
  latency: LatencyRow[];
  join: Array<{ label: string; values: Partial<Record<RelayName, number>>; note?: string }>;
  memory: Array<{ label: string; values: Partial<Record<RelayName, number>> }>;
  client: Array<{ label: string; value: string }>;
  durationS: number;
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

async function latencySection(options: BenchOptions, out: Results): Promise<void> {
  const sizes = options.smoke
    ? [{ rooms: 1, clientsPerRoom: 3 }]
    : [
        { rooms: 1, clientsPerRoom: 10 },
        { rooms: 1, clientsPerRoom: 100 },
        { rooms: 50, clientsPerRoom: 10 },
      ];
  const workloads: Array<{ writers: 'one' | 'all'; rate: number }> = options.smoke
    ? [{ writers: 'one', rate: 20 }]
    : [
        { writers: 'one', rate: 20 },
        { writers: 'all', rate: 2 },
      ];
  const presences = options.smoke ? [1] : [0, 1];
  const timing = options.smoke
    ? { warmupMs: 200, measureMs: 600, windows: 2, drainMs: 400 }
    : { warmupMs: 1000, measureMs: 6000, windows: 3, drainMs: 1000 };
  for (const relayName of RELAYS) {
    for (const size of sizes) {
      const relay = await startRelay(relayName);
      try {
        for (const workload of workloads) {
          for (const presenceHz of presences) {
            const scenario = `${size.rooms}×${size.clientsPerRoom}, ${workload.writers === 'one' ? 'one writer 20/s' : 'all write 2/s'}, presence ${presenceHz ? '1 Hz' : 'off'}`;
            options.log(`latency  ${relayName.padEnd(19)} ${scenario}`);
            const outcome = await runLoad(relay, {
              kind: 'latency',
              relay: relayName,
              wsUrl: relay.wsUrl,
              httpUrl: relay.httpUrl,
              ...size,
              ...workload,
              presenceHz,
              ...timing,
            });
            const r = outcome.result as {
              p50: number;
              p95: number;
              p99: number;
              p99ByWindow: number[];
              max: number;
              expected: number;
              received: number;
            };
            out.latency.push({
              scenario,
              relay: relayName,
              p50: r.p50,
              p95: r.p95,
              p99: r.p99,
              p99ByWindow: r.p99ByWindow,
              max: r.max,
              undelivered: Math.max(0, r.expected - r.received),
              deliveries: r.expected,
              cpuPercent: outcome.cpuPercent,
              rssMb: outcome.rssPeakBytes === null ? null : outcome.rssPeakBytes / 2 ** 20,
              checkMicrosPerUpdate: outcome.checks && outcome.checks.updates > 0 ? outcome.checks.micros / outcome.checks.updates : null,
            });
          }
        }
      } finally {
        await relay.stop();
      }
    }
  }
}

async function joinSection(options: BenchOptions, out: Results): Promise<void> {
  const sizes = options.smoke ? [50_000] : [1_000_000, 5_000_000];
  for (const targetBytes of sizes) {
    const rows = {
      alone: {} as Partial<Record<RelayName, number>>,
      crowdMedian: {} as Partial<Record<RelayName, number>>,
      crowdMax: {} as Partial<Record<RelayName, number>>,
      cold: {} as Partial<Record<RelayName, number>>,
    };
    let bytes = 0;
    for (const relayName of RELAYS) {
      const relay = await startRelay(relayName);
      try {
        options.log(`join     ${relayName.padEnd(19)} ~${(targetBytes / 1e6).toFixed(2)} MB`);
        const { result } = await runLoad(relay, {
          kind: 'join',
          relay: relayName,
          wsUrl: relay.wsUrl,
          httpUrl: relay.httpUrl,
          targetBytes,
          repetitions: options.smoke ? 1 : 5,
          crowd: options.smoke ? 2 : 20,
          cold: relayName === 'ours',
        });
        const r = result as { bytes: number; alone: number[]; crowd: number[]; cold: number[] };
        bytes = r.bytes;
        rows.alone[relayName] = median(r.alone);
        rows.crowdMedian[relayName] = median(r.crowd);
        rows.crowdMax[relayName] = Math.max(...r.crowd);
        if (r.cold.length > 0) rows.cold[relayName] = median(r.cold);
      } finally {
        await relay.stop();
      }
    }
    const size = `${(bytes / 1e6).toFixed(2)} MB document`;
    out.join.push({ label: `${size}: one client joins (median), ms`, values: rows.alone });
    out.join.push({ label: `${size}: 20 join at once, median, ms`, values: rows.crowdMedian });
    out.join.push({ label: `${size}: 20 join at once, slowest, ms`, values: rows.crowdMax });
    out.join.push({
      label: `${size}: one joins a conference not in memory (loaded from SQLite), ms`,
      values: rows.cold,
      note: 'ours only: the peers keep no documents',
    });
  }
}

async function memorySection(options: BenchOptions, out: Results): Promise<void> {
  const params = options.smoke ? { conferences: 3, connections: 3, soak: 5 } : { conferences: 100, connections: 200, soak: 1000 };
  const rows: Record<string, Partial<Record<RelayName, number>>> = {
    perConference: {},
    perConnection: {},
    baseline: {},
    afterSoak: {},
    afterSecondSoak: {},
  };
  for (const relayName of RELAYS) {
    const relay = await startRelay(relayName);
    try {
      options.log(`memory   ${relayName}`);
      const { samples } = await runLoad(relay, { kind: 'memory', relay: relayName, wsUrl: relay.wsUrl, httpUrl: relay.httpUrl, ...params });
      const mb = (b: number | undefined): number => (b ?? NaN) / 2 ** 20;
      rows.perConference![relayName] = ((samples.conferences ?? NaN) - (samples.prepared ?? NaN)) / 1024 / params.conferences;
      rows.perConnection![relayName] = ((samples.connections ?? NaN) - (samples['after-conferences'] ?? NaN)) / 1024 / params.connections;
      rows.baseline![relayName] = mb(samples.baseline);
      rows.afterSoak![relayName] = mb(samples['after-soak']);
      rows.afterSecondSoak![relayName] = mb(samples['after-second-soak']);
    } finally {
      await relay.stop();
    }
  }
  out.memory.push({ label: `per loaded conference (${params.conferences} open, one person each), KiB`, values: rows.perConference! });
  out.memory.push({ label: `per connection (${params.connections} people in one conference), KiB`, values: rows.perConnection! });
  out.memory.push({ label: 'RSS at start, MiB', values: rows.baseline! });
  out.memory.push({ label: `RSS after ${params.soak} conferences opened and closed, MiB`, values: rows.afterSoak! });
  out.memory.push({
    label: `RSS after ${params.soak} more opened and closed (growth here would be a leak), MiB`,
    values: rows.afterSecondSoak!,
  });
}

function gzipSize(file: string): number {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).byteLength;
}

async function clientSection(options: BenchOptions, out: Results): Promise<void> {
  const dist = path.join(ROOT, 'dist/client');
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] as string);
  const js = initial.filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + gzipSize(path.join(dist, f)), 0);
  const css = initial.filter((f) => f.endsWith('.css')).reduce((sum, f) => sum + gzipSize(path.join(dist, f)), 0);
  out.client.push({ label: 'initial JavaScript, gzipped', value: `${(js / 1024).toFixed(1)} KB (target ≤ 200 KB)` });
  out.client.push({ label: 'initial CSS, gzipped', value: `${(css / 1024).toFixed(1)} KB` });

  const { launchBrowser } = await import('../client/e2e/browser.js');
  const relay = await startRelay('ours');
  const browser = await launchBrowser();
  try {
    const items = options.smoke ? 10 : 300;
    const { room, token, author } = await prepareRoom({ relay: 'ours', wsUrl: relay.wsUrl, httpUrl: relay.httpUrl });
    const seeder = connect({ relay: 'ours', wsUrl: relay.wsUrl, httpUrl: relay.httpUrl }, room, token);
    await seeder.synced;
    const columns: ColumnId[] = ['danger', 'safety', 'strengths', 'complicating', 'grey'];
    for (let i = 0; i < items; i++) {
      addCard(seeder.doc, {
        column: columns[i % 5] as ColumnId,
        text: `Item ${i}: what was seen, said and done, in plain words for the record.`,
        author,
      });
    }
    // The chair moves the conference to the board, where the items are shown.
    const chairDoc = connect({ relay: 'ours', wsUrl: relay.wsUrl, httpUrl: relay.httpUrl }, chairRoomName(room), token);
    await chairDoc.synced;
    setStage(chairDoc.doc, 'board');
    await new Promise((r) => setTimeout(r, 1000));
    seeder.destroy();
    chairDoc.destroy();
    const times: number[] = [];
    for (let rep = 0; rep < (options.smoke ? 1 : 5); rep++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${relay.httpUrl}/c/${room}#token=${token}`);
      await page.waitForFunction((n) => document.querySelectorAll('li.card').length >= n, items, { polling: 'raf', timeout: 60_000 });
      times.push(await page.evaluate(() => window.performance.now()));
      await context.close();
    }
    out.client.push({
      label: `first render of a ${items}-item board in Chromium (navigation start to all items shown), median of ${times.length}`,
      value: `${median(times).toFixed(0)} ms`,
    });
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
    value: `${large.ms.toFixed(0)} ms, ${(large.bytes / 1024).toFixed(0)} KB (target < 1 s)`,
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

export async function runBench(options: BenchOptions): Promise<Results> {
  const started = performance.now();
  const out: Results = {
    machine: machine(),
    date: new Date().toISOString().slice(0, 10),
    smoke: options.smoke,
    latency: [],
    join: [],
    memory: [],
    client: [],
    durationS: 0,
  };
  await latencySection(options, out);
  await joinSection(options, out);
  await memorySection(options, out);
  await clientSection(options, out);
  out.durationS = (performance.now() - started) / 1000;
  return out;
}

// ---- the report ----

const fmt = (n: number | null | undefined, digits = 1): string =>
  n === null || n === undefined || Number.isNaN(n) ? '–' : n.toFixed(digits);

/** "lowest–highest" of a few figures. */
function spread(values: readonly number[]): string {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return '–';
  return `${fmt(Math.min(...finite))}–${fmt(Math.max(...finite))}`;
}

function ratio(values: Partial<Record<RelayName, number>>): string {
  const ours = values.ours;
  const peers = [values['y-websocket-server'], values.hocuspocus].filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (ours === undefined || !Number.isFinite(ours) || peers.length === 0) return '–';
  const best = Math.min(...peers);
  return best > 0 ? `${(ours / best).toFixed(2)}×` : '–';
}

export function report(r: Results): string {
  const lines: string[] = [];
  const relayHeader = RELAYS.map((n) => RELAY_LABELS[n]).join(' | ');
  lines.push(
    `Machine: ${r.machine}. Date: ${r.date}. Run took ${r.durationS.toFixed(0)} s.${r.smoke ? ' SMOKE RUN (tiny sizes): not for comparison.' : ''}`,
  );
  lines.push('');
  lines.push('### Edit-to-visible latency (ms), summary: p99 over the whole measured time (lowest–highest p99 of its repetitions)');
  lines.push('');
  lines.push(`| scenario | ${relayHeader} | ours ÷ best peer |`);
  lines.push(`| --- | ${RELAYS.map(() => '---:').join(' | ')} | ---: |`);
  const scenarios = [...new Set(r.latency.map((l) => l.scenario))];
  for (const scenario of scenarios) {
    const rows = r.latency.filter((l) => l.scenario === scenario);
    const values: Partial<Record<RelayName, number>> = {};
    for (const row of rows) values[row.relay] = row.p99;
    const cell = (n: RelayName): string => {
      const row = rows.find((l) => l.relay === n);
      return row ? `${fmt(row.p99)} (${spread(row.p99ByWindow)})` : '–';
    };
    lines.push(`| ${scenario} | ${RELAYS.map(cell).join(' | ')} | ${ratio(values)} |`);
  }
  lines.push('');
  lines.push('### Edit-to-visible latency, in full');
  lines.push('');
  lines.push(
    '| scenario | relay | p50 | p95 | p99 | max | undelivered / deliveries | server CPU % | server RSS peak MiB | rules check µs per update |',
  );
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of r.latency) {
    lines.push(
      `| ${row.scenario} | ${RELAY_LABELS[row.relay]} | ${fmt(row.p50)} | ${fmt(row.p95)} | ${fmt(row.p99)} | ${fmt(row.max)} | ${row.undelivered} / ${row.deliveries} | ${fmt(row.cpuPercent, 0)} | ${fmt(row.rssMb, 0)} | ${row.relay === 'ours' ? fmt(row.checkMicrosPerUpdate) : 'no checks'} |`,
    );
  }
  lines.push('');
  lines.push('### Join time');
  lines.push('');
  lines.push(`| measure | ${relayHeader} | ours ÷ best peer |`);
  lines.push(`| --- | ${RELAYS.map(() => '---:').join(' | ')} | ---: |`);
  for (const row of r.join) lines.push(`| ${row.label} | ${RELAYS.map((n) => fmt(row.values[n], 0)).join(' | ')} | ${ratio(row.values)} |`);
  lines.push('');
  lines.push('### Memory');
  lines.push('');
  lines.push(`| measure | ${relayHeader} | ours ÷ best peer |`);
  lines.push(`| --- | ${RELAYS.map(() => '---:').join(' | ')} | ---: |`);
  for (const row of r.memory)
    lines.push(`| ${row.label} | ${RELAYS.map((n) => fmt(row.values[n], 0)).join(' | ')} | ${ratio(row.values)} |`);
  lines.push('');
  lines.push('### The client');
  lines.push('');
  lines.push('| measure | value |');
  lines.push('| --- | ---: |');
  for (const row of r.client) lines.push(`| ${row.label} | ${row.value} |`);
  lines.push('');
  return lines.join('\n');
}
