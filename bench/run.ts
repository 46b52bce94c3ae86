import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { nowMs, prepareRoom, type PreparedRoom, type Target } from './clients.js';
import type { LatencyPartResult, LeanConference, RoomPart, Schedule } from './load.js';
import {
  contender,
  CONTENDERS,
  isOurs,
  processCpuNs,
  processRss,
  startRelay,
  type Contender,
  type ContenderId,
  type RunningRelay,
} from './relays.js';
import { LoadWorker } from './worker.js';
import { clientSection } from './browser.js';

export interface BenchOptions {
  smoke: boolean;
  /** Progress lines go here (stderr by default). */
  log: (line: string) => void;
  /** Only these sections (for working on one): latency, isolation, capacity, join, memory, client. */
  only?: readonly string[];
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export const median = (values: readonly number[]): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/** One latency scenario: who writes, how often, and which contenders run it. */
export interface LatencyScenario {
  label: string;
  rooms: number;
  clientsPerRoom: number;
  writers: 'one' | 'all';
  rate: number;
  presenceHz: number;
  contenders: readonly ContenderId[];
}

/** One run of one scenario against one contender (one repetition: its own server start). */
export interface LatencyRun {
  scenario: string;
  contender: ContenderId;
  rep: number;
  /** Edit-to-visible times, ms, sorted. */
  samples: number[];
  expected: number;
  edits: number;
  frames: number;
  bytes: number;
  serverCpuNs: number;
  measureMs: number;
  checks: { updates: number; micros: number } | null;
  /** CPU of each load-generator process over the measured time, % of one core. */
  loadCpu: number[];
  rssPeakBytes: number;
}

export interface CapacityStep {
  conferences: number;
  connections: number;
  p50: number;
  p99: number;
  undelivered: number;
  deliveries: number;
  serverCpuPercent: number;
  loadCpu: number[];
  rssMb: number;
}

export interface IsolationWindow {
  flooded: boolean;
  samples: number[];
  expected: number;
  serverCpuPercent: number;
  /** Flood updates the relay checked per second during the window (0 when quiet). */
  floodUpdatesPerSecond: number;
}

export interface Results {
  machine: string;
  date: string;
  smoke: boolean;
  scenarios: LatencyScenario[];
  reps: number;
  latency: LatencyRun[];
  capacity: { steps: CapacityStep[]; conference: string; stoppedBecause: string };
  isolation: { windows: IsolationWindow[]; quiet: string; flood: string };
  join: Array<{ label: string; values: Partial<Record<ContenderId, number>>; note?: string }>;
  memory: Array<{ label: string; values: Partial<Record<ContenderId, number>> }>;
  client: Array<{ label: string; value: string; target?: string; met?: boolean }>;
  durationS: number;
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** Our relay's running count of checked updates and their cost; null for the others (they check nothing). */
async function checksOf(relay: RunningRelay): Promise<{ updates: number; micros: number } | null> {
  if (!isOurs(relay.name)) return null;
  try {
    const health = (await (await fetch(`${relay.httpUrl}/healthz`)).json()) as { checks?: { updates: number; micros: number } };
    return health.checks ?? null;
  } catch {
    return null;
  }
}

const targetOf = (relay: RunningRelay, c: Contender): Target => ({
  relay: relay.name,
  client: c.client,
  wsUrl: relay.wsUrl,
  httpUrl: relay.httpUrl,
});

/** Rooms for a scenario, made in parallel a few at a time (for ours, conferences through the API). */
export async function prepareRooms(relay: RunningRelay, n: number): Promise<PreparedRoom[]> {
  const rooms: PreparedRoom[] = [];
  for (let i = 0; i < n; i += 20) {
    rooms.push(
      ...(await Promise.all(Array.from({ length: Math.min(20, n - i) }, () => prepareRoom({ relay: relay.name, httpUrl: relay.httpUrl })))),
    );
  }
  return rooms;
}

/**
 * Splits rooms between load processes: whole rooms when there are enough of them, or else the people
 * of each room (the writers go first, so they stay together in the first process).
 */
function partition(rooms: PreparedRoom[], size: number, writers: number, seedItems: number, workers: number): RoomPart[][] {
  const parts: RoomPart[][] = Array.from({ length: workers }, () => []);
  if (rooms.length >= workers) {
    rooms.forEach((room, i) => parts[i % workers]?.push({ ...room, size, local: size, writers, seedItems }));
    return parts;
  }
  for (const room of rooms) {
    let given = 0;
    for (let w = 0; w < workers; w++) {
      const local = Math.floor((size * (w + 1)) / workers) - Math.floor((size * w) / workers);
      const localWriters = Math.max(0, Math.min(local, writers - given));
      parts[w]?.push({ ...room, size, local, writers: localWriters, seedItems: w === 0 ? seedItems : 0 });
      given += localWriters;
    }
  }
  return parts;
}

interface TimedResult {
  parts: LatencyPartResult[];
  serverCpuNs: number;
  checks: { updates: number; micros: number } | null;
  rssPeakBytes: number;
}

/** Runs one schedule on the workers already set up, sampling the relay's CPU (schedstat) in the measured time. */
export async function timedGo(
  relay: RunningRelay,
  workers: LoadWorker[],
  schedule: Omit<Schedule, 'start'>,
  /** Called at the start and end of the measured time (the profiler uses them). */
  around: { start?: () => unknown; end?: () => Promise<unknown> } = {},
): Promise<TimedResult> {
  const full: Schedule = { ...schedule, start: nowMs() + 50 };
  const from = full.start + full.warmupMs;
  const to = from + full.measureMs;
  const running = Promise.all(workers.map((w) => w.call<LatencyPartResult>('latency-go', full)));
  await sleep(from - nowMs());
  void around.start?.();
  const cpu0 = processCpuNs(relay.pid);
  const checks0 = checksOf(relay);
  let rssPeak = processRss(relay.pid);
  const rssTimer = setInterval(() => (rssPeak = Math.max(rssPeak, processRss(relay.pid))), 250);
  await sleep(to - nowMs());
  const cpu1 = processCpuNs(relay.pid);
  clearInterval(rssTimer);
  await around.end?.();
  const checks1 = await checksOf(relay);
  const before = await checks0;
  const parts = await running;
  return {
    parts,
    serverCpuNs: cpu1 - cpu0,
    checks: checks1 && before ? { updates: checks1.updates - before.updates, micros: checks1.micros - before.micros } : null,
    rssPeakBytes: rssPeak,
  };
}

/** Sets up the workers for a scenario on a running relay, runs it once, and tears it down. */
export async function runScenario(
  relay: RunningRelay,
  c: Contender,
  workers: LoadWorker[],
  s: { rooms: number; clientsPerRoom: number; writers: 'one' | 'all'; rate: number; presenceHz: number; seedItems?: number },
  schedule: Omit<Schedule, 'start'>,
  around: Parameters<typeof timedGo>[3] = {},
): Promise<TimedResult> {
  const rooms = await prepareRooms(relay, s.rooms);
  const writers = s.writers === 'one' ? 1 : s.clientsPerRoom;
  const parts = partition(rooms, s.clientsPerRoom, writers, s.seedItems ?? 0, workers.length);
  const active = workers.map((w, i) => ({ w, parts: parts[i] ?? [], i })).filter((a) => a.parts.length > 0);
  await Promise.all(
    active.map(({ w, parts: mine, i }) =>
      w.call('latency-setup', { target: targetOf(relay, c), parts: mine, rate: s.rate, presenceHz: s.presenceHz, tag: `p${i}` }),
    ),
  );
  try {
    return await timedGo(
      relay,
      active.map((a) => a.w),
      schedule,
      around,
    );
  } finally {
    await Promise.all(active.map((a) => a.w.call('latency-teardown')));
    // Let the relay let go of the rooms before the next scenario.
    await sleep(100);
  }
}

/** The scenarios of the latency section. */
function latencyScenarios(smoke: boolean): LatencyScenario[] {
  const all = CONTENDERS.map((c) => c.id);
  if (smoke)
    return [
      {
        label: '1×3, one writer 20/s, presence 1 Hz',
        rooms: 1,
        clientsPerRoom: 3,
        writers: 'one',
        rate: 20,
        presenceHz: 1,
        contenders: all,
      },
    ];
  // The floor runs where the room is small: it forwards every presence echo of the stock clients
  // to everyone, so at 100 people it measures nothing but that storm (about 10,000 frames a second).
  const peers: ContenderId[] = ['y-websocket-server', 'hocuspocus'];
  return [
    {
      label: '1×10, one writer 20/s, presence 1 Hz',
      rooms: 1,
      clientsPerRoom: 10,
      writers: 'one',
      rate: 20,
      presenceHz: 1,
      contenders: ['floor', 'ours', ...peers],
    },
    { label: '1×10, all write 2/s, presence 1 Hz', rooms: 1, clientsPerRoom: 10, writers: 'all', rate: 2, presenceHz: 1, contenders: all },
    {
      label: '1×100, one writer 20/s, presence 1 Hz',
      rooms: 1,
      clientsPerRoom: 100,
      writers: 'one',
      rate: 20,
      presenceHz: 1,
      contenders: ['ours', 'ours-fixed', ...peers],
    },
    {
      label: '1×100, all write 2/s, presence 1 Hz',
      rooms: 1,
      clientsPerRoom: 100,
      writers: 'all',
      rate: 2,
      presenceHz: 1,
      contenders: ['ours', 'ours-memory', 'ours-fixed', ...peers],
    },
    {
      label: '50×10, all write 2/s, presence 1 Hz',
      rooms: 50,
      clientsPerRoom: 10,
      writers: 'all',
      rate: 2,
      presenceHz: 1,
      contenders: ['ours', ...peers],
    },
  ];
}

/** Clients in one load process up to this many; above it the load is spread over two. */
const ONE_PROCESS_CLIENTS = 60;

/**
 * An unmeasured load after each server start, heavier than any 1×10 scenario, so that no relay is
 * measured while its code is still being compiled (V8 optimises a function only after many calls).
 */
async function warmUp(relay: RunningRelay, c: Contender, workers: LoadWorker[], smoke: boolean): Promise<void> {
  await runScenario(
    relay,
    c,
    workers.slice(0, 1),
    { rooms: 1, clientsPerRoom: smoke ? 5 : 30, writers: 'all', rate: 10, presenceHz: 5 },
    { warmupMs: smoke ? 200 : 2500, measureMs: 1, windows: 1, drainMs: 100 },
  );
}

/**
 * Every contender runs every scenario it takes part in, in repetitions: each repetition is its own
 * server start (with a warm-up), and the order of the contenders turns from one repetition to the
 * next, so that no contender always runs first or last.
 */
async function latencySection(options: BenchOptions, out: Results, workers: LoadWorker[]): Promise<void> {
  const schedule = options.smoke
    ? // The smoke run (in npm test) shares the machine with other tests: it waits longer for late edits.
      { warmupMs: 300, measureMs: 600, windows: 1, drainMs: 300, lateMs: 10_000 }
    : { warmupMs: 500, measureMs: 1500, windows: 1, drainMs: 300 };
  const ids = CONTENDERS.map((c) => c.id).filter((id) => out.scenarios.some((s) => s.contenders.includes(id)));
  for (let rep = 0; rep < out.reps; rep++) {
    const order = ids.map((_, i) => ids[(i + rep) % ids.length] as ContenderId);
    for (const id of order) {
      const c = contender(id);
      const relay = await startRelay(c.relay);
      try {
        await warmUp(relay, c, workers, options.smoke);
        for (const s of out.scenarios.filter((sc) => sc.contenders.includes(id))) {
          options.log(`latency  rep ${rep + 1}/${out.reps}  ${id.padEnd(19)} ${s.label}`);
          const total = s.rooms * s.clientsPerRoom;
          const used = total > ONE_PROCESS_CLIENTS ? workers : workers.slice(0, 1);
          const r = await runScenario(relay, c, used, s, schedule);
          const samples = r.parts.flatMap((p) => p.windows.flat()).sort((a, b) => a - b);
          out.latency.push({
            scenario: s.label,
            contender: id,
            rep,
            samples,
            expected: r.parts.reduce((n, p) => n + p.expected, 0),
            edits: r.parts.reduce((n, p) => n + p.edits, 0),
            frames: r.parts.reduce((n, p) => n + p.frames, 0),
            bytes: r.parts.reduce((n, p) => n + p.bytes, 0),
            serverCpuNs: r.serverCpuNs,
            measureMs: schedule.measureMs,
            checks: r.checks,
            loadCpu: r.parts.map((p) => p.cpuPercent),
            rssPeakBytes: r.rssPeakBytes,
          });
        }
      } finally {
        await relay.stop();
      }
    }
  }
}

export const REALISTIC = { people: 12, presenceHz: 1, rate: 5, seedItems: 300 };

/**
 * How many realistic conferences one instance of ours holds with edit-to-visible p99 under 100 ms:
 * 12 people each, one or two typing at 5 edits/s, everyone's presence at 1 Hz, a 300-item board,
 * everyone on both rooms (board and chair) as our client is. A few probe conferences use real
 * clients (our own, which sends no presence echoes) and are timed; the rest are lean clients that
 * load the relay the same way but decode nothing (see LeanClient). Conferences are added in steps
 * until p99 passes 100 ms or the time given to it runs out.
 */
async function capacitySection(options: BenchOptions, out: Results, workers: LoadWorker[]): Promise<void> {
  const steps = options.smoke ? [2, 4] : [50, 100, 200, 300, 400, 500, 600, 700, 800, 1000];
  const budgetMs = options.smoke ? 60_000 : 110_000;
  const probes = options.smoke ? 1 : 4;
  const c = contender('ours-fixed');
  const relay = await startRelay('ours');
  const started = performance.now();
  out.capacity.stoppedBecause = 'the last step was reached';
  try {
    await warmUp(relay, contender('ours'), workers, options.smoke);
    // The probe conferences: half with one typist, half with two.
    const probeRooms = await prepareRooms(relay, probes);
    const probeParts: RoomPart[][] = workers.map(() => []);
    probeRooms.forEach((room, i) =>
      probeParts[i % workers.length]?.push({
        ...room,
        size: REALISTIC.people,
        local: REALISTIC.people,
        writers: 1 + (i % 2),
        seedItems: REALISTIC.seedItems,
      }),
    );
    await Promise.all(
      workers.map((w, i) =>
        w.call('latency-setup', {
          target: targetOf(relay, c),
          parts: probeParts[i],
          rate: REALISTIC.rate,
          presenceHz: REALISTIC.presenceHz,
          tag: `c${i}`,
        }),
      ),
    );
    let conferences = probes;
    let lean = 0;
    for (const step of steps) {
      if (performance.now() - started > budgetMs) {
        out.capacity.stoppedBecause = `the time given to this scenario (${budgetMs / 1000} s) ran out`;
        break;
      }
      const add = step - conferences;
      if (add > 0) {
        options.log(`capacity ${step} conferences`);
        const rooms = await prepareRooms(relay, add);
        const batches: LeanConference[][] = workers.map(() => []);
        rooms.forEach((room, i) =>
          batches[(lean + i) % workers.length]?.push({
            ...room,
            people: REALISTIC.people,
            typists: 1 + ((lean + i) % 2),
            seedItems: REALISTIC.seedItems,
          }),
        );
        lean += add;
        await Promise.all(workers.map((w, i) => w.call('lean-add', { wsUrl: relay.wsUrl, conferences: batches[i], chairRoom: true })));
        conferences = step;
      }
      await Promise.all(workers.map((w) => w.call('lean-start', { rate: REALISTIC.rate, presenceHz: REALISTIC.presenceHz })));
      const r = await timedGo(
        relay,
        workers,
        options.smoke
          ? { warmupMs: 300, measureMs: 600, windows: 1, drainMs: 200 }
          : { warmupMs: 1500, measureMs: 3000, windows: 1, drainMs: 300 },
      );
      const samples = r.parts.flatMap((p) => p.windows.flat()).sort((a, b) => a - b);
      const expected = r.parts.reduce((n, p) => n + p.expected, 0);
      const result: CapacityStep = {
        conferences,
        connections: conferences * REALISTIC.people * 2,
        p50: percentile(samples, 50),
        p99: percentile(samples, 99),
        undelivered: Math.max(0, expected - samples.length),
        deliveries: expected,
        serverCpuPercent: (r.serverCpuNs / 1e6 / (options.smoke ? 600 : 3000)) * 100,
        loadCpu: r.parts.map((p) => p.cpuPercent),
        rssMb: processRss(relay.pid) / 2 ** 20,
      };
      out.capacity.steps.push(result);
      options.log(`capacity ${step} conferences: p99 ${result.p99.toFixed(1)} ms, server CPU ${result.serverCpuPercent.toFixed(0)} %`);
      if (!(result.p99 < 100) || result.undelivered > expected * 0.01) {
        out.capacity.stoppedBecause = `p99 reached ${result.p99.toFixed(0)} ms at ${conferences} conferences`;
        break;
      }
    }
  } finally {
    await Promise.all(workers.map((w) => w.call('lean-teardown')));
    await Promise.all(workers.map((w) => w.call('latency-teardown')));
    await relay.stop();
  }
}

/** Waits (up to 60 s) until the relay's count of checked updates has not moved for half a second. */
async function checksSettle(relay: RunningRelay): Promise<void> {
  let last = -1;
  for (const started = Date.now(); Date.now() - started < 60_000; ) {
    const now = (await checksOf(relay))?.updates ?? 0;
    if (now === last) return;
    last = now;
    await sleep(500);
  }
}

/**
 * Isolation: a quiet, realistic conference (12 people, one typing at 5 edits/s, presence at 1 Hz, a
 * 300-item board) is timed alone and while another conference on the same instance is flooded
 * with edits from several connections, each just under the per-connection message limit as it is
 * today. The windows alternate: alone, flooded, alone, flooded.
 */
async function isolationSection(options: BenchOptions, out: Results, workers: LoadWorker[]): Promise<void> {
  const flood = options.smoke ? { connections: 2, perSecond: 100, textBytes: 200 } : { connections: 8, perSecond: 480, textBytes: 200 };
  out.isolation.flood = `${flood.connections} connections in one conference, each sending ${flood.perSecond} edits/s of ${flood.textBytes} characters (under the limit of 500 messages/s per connection; the conference's budget, 400 updates/s, holds them back)`;
  const [quietWorker, floodWorker] = workers as [LoadWorker, LoadWorker];
  const relay = await startRelay('ours');
  try {
    await warmUp(relay, contender('ours'), workers, options.smoke);
    const [quiet, flooded] = await prepareRooms(relay, 2);
    if (!quiet || !flooded) throw new Error('no rooms');
    await quietWorker.call('latency-setup', {
      target: targetOf(relay, contender('ours')),
      parts: [{ ...quiet, size: REALISTIC.people, local: REALISTIC.people, writers: 1, seedItems: REALISTIC.seedItems }],
      rate: REALISTIC.rate,
      presenceHz: REALISTIC.presenceHz,
      tag: 'q',
    });
    const measureMs = options.smoke ? 600 : 4000;
    for (const isFlooded of [false, true, false, true]) {
      options.log(`isolation ${isFlooded ? 'flooded' : 'alone'}`);
      if (isFlooded) await floodWorker.call('flood-start', { wsUrl: relay.wsUrl, room: flooded, ...flood });
      const r = await timedGo(relay, [quietWorker], { warmupMs: options.smoke ? 300 : 1000, measureMs, windows: 1, drainMs: 300 });
      if (isFlooded) {
        await floodWorker.call('flood-stop');
        // What the flooders sent before they stopped waits in the sockets' buffers and is still read
        // at the conference's rate: the next window starts once the relay has checked the last of it.
        await checksSettle(relay);
      }
      const part = r.parts[0] as LatencyPartResult;
      // The quiet conference's own updates are a handful; the rest of what was checked is the flood.
      const quietUpdates = part.edits;
      out.isolation.windows.push({
        flooded: isFlooded,
        samples: part.windows.flat().sort((a, b) => a - b),
        expected: part.expected,
        serverCpuPercent: (r.serverCpuNs / 1e6 / measureMs) * 100,
        floodUpdatesPerSecond: isFlooded && r.checks ? ((r.checks.updates - quietUpdates) / measureMs) * 1000 : 0,
      });
      await sleep(500);
    }
  } finally {
    await quietWorker.call('latency-teardown');
    await floodWorker.call('flood-stop');
    await relay.stop();
  }
  out.isolation.quiet = `12 people, one typing at 5 edits/s, presence at 1 Hz, a 300-item board (stock clients)`;
}

const JOIN_CONTENDERS: readonly ContenderId[] = ['ours', 'y-websocket-server', 'hocuspocus'];

const BUILD_FAST = {
  BYTES_PER_SECOND: String(1024 ** 3),
  CONFERENCE_BYTES_PER_SECOND: String(1024 ** 3),
  CONFERENCE_UPDATES_PER_SECOND: '1000000',
  MESSAGES_PER_SECOND: '1000000',
};

async function joinSection(options: BenchOptions, out: Results, worker: LoadWorker): Promise<void> {
  const sizes = options.smoke ? [50_000] : [1_000_000, 5_000_000];
  for (const targetBytes of sizes) {
    const rows = {
      alone: {} as Partial<Record<ContenderId, number>>,
      crowdMedian: {} as Partial<Record<ContenderId, number>>,
      crowdMax: {} as Partial<Record<ContenderId, number>>,
      cold: {} as Partial<Record<ContenderId, number>>,
    };
    let bytes = 0;
    for (const id of JOIN_CONTENDERS) {
      const c = contender(id);
      // The document is built through the relay in seconds by one connection: far past what one
      // person may send (BYTES_PER_SECOND) or a conference takes in a second. Those limits are lifted
      // here for the build; what is timed, the server sending the document to those who join, has none.
      const relay = await startRelay(c.relay, { env: BUILD_FAST });
      try {
        options.log(`join     ${id.padEnd(19)} ~${(targetBytes / 1e6).toFixed(2)} MB`);
        const room = await prepareRoom({ relay: relay.name, httpUrl: relay.httpUrl });
        const r = await worker.call<{ bytes: number; alone: number[]; crowd: number[]; cold: number[] }>('join', {
          target: targetOf(relay, c),
          room,
          targetBytes,
          repetitions: options.smoke ? 1 : 5,
          crowd: options.smoke ? 2 : 20,
          cold: id === 'ours',
        });
        bytes = r.bytes;
        rows.alone[id] = median(r.alone);
        rows.crowdMedian[id] = median(r.crowd);
        rows.crowdMax[id] = Math.max(...r.crowd);
        if (r.cold.length > 0) rows.cold[id] = median(r.cold);
      } finally {
        await relay.stop();
      }
    }
    const size = `${(bytes / 1e6).toFixed(2)} MB document`;
    out.join.push({ label: `${size}: one client joins (median), ms`, values: rows.alone });
    out.join.push({ label: `${size}: ${options.smoke ? 2 : 20} join at once, median, ms`, values: rows.crowdMedian });
    out.join.push({ label: `${size}: ${options.smoke ? 2 : 20} join at once, slowest, ms`, values: rows.crowdMax });
    out.join.push({
      label: `${size}: one joins a conference not in memory (loaded from SQLite), ms`,
      values: rows.cold,
      note: 'ours only: the peers keep no documents',
    });
  }
}

async function memorySection(options: BenchOptions, out: Results, worker: LoadWorker): Promise<void> {
  const params = options.smoke ? { conferences: 3, connections: 3, soak: 5 } : { conferences: 100, connections: 200, soak: 1000 };
  const rows: Record<string, Partial<Record<ContenderId, number>>> = {
    perConference: {},
    heapPerConference: {},
    perConnection: {},
    baseline: {},
    heapBaseline: {},
    afterSoak: {},
    afterSecondSoak: {},
    heapAfterSecondSoak: {},
  };
  for (const id of JOIN_CONTENDERS) {
    const c = contender(id);
    const relay = await startRelay(c.relay, { heapProbe: true });
    try {
      options.log(`memory   ${id}`);
      const rss: Record<string, number> = {};
      const heap: Record<string, number> = {};
      worker.onSample = async (name) => {
        rss[name] = processRss(relay.pid);
        heap[name] = (await relay.probeHeap()).heapUsed;
      };
      await worker.call('memory', { target: targetOf(relay, c), ...params });
      const mib = (b: number | undefined): number => (b ?? NaN) / 2 ** 20;
      rows.perConference![id] = ((rss.conferences ?? NaN) - (rss.prepared ?? NaN)) / 1024 / params.conferences;
      rows.heapPerConference![id] = ((heap.conferences ?? NaN) - (heap.prepared ?? NaN)) / 1024 / params.conferences;
      rows.perConnection![id] = ((rss.connections ?? NaN) - (rss['after-conferences'] ?? NaN)) / 1024 / params.connections;
      rows.baseline![id] = mib(rss.baseline);
      rows.heapBaseline![id] = mib(heap.baseline);
      rows.afterSoak![id] = mib(rss['after-soak']);
      rows.afterSecondSoak![id] = mib(rss['after-second-soak']);
      rows.heapAfterSecondSoak![id] = mib(heap['after-second-soak']);
    } finally {
      worker.onSample = async () => undefined;
      await relay.stop();
    }
  }
  out.memory.push({ label: 'RSS at start, MiB', values: rows.baseline! });
  out.memory.push({ label: 'live heap at start (after a full GC), MiB', values: rows.heapBaseline! });
  out.memory.push({ label: `RSS per loaded conference (${params.conferences} open, one person each), KiB`, values: rows.perConference! });
  out.memory.push({ label: `live heap per loaded conference (after a full GC), KiB`, values: rows.heapPerConference! });
  out.memory.push({ label: `RSS per connection (${params.connections} people in one conference), KiB`, values: rows.perConnection! });
  out.memory.push({ label: `RSS after ${params.soak} conferences opened and closed, MiB`, values: rows.afterSoak! });
  out.memory.push({
    label: `RSS after ${params.soak} more opened and closed (growth here would be a leak), MiB`,
    values: rows.afterSecondSoak!,
  });
  out.memory.push({ label: `live heap after both rounds (after a full GC), MiB`, values: rows.heapAfterSecondSoak! });
}

export async function runBench(options: BenchOptions): Promise<Results> {
  const started = performance.now();
  const out: Results = {
    machine: machine(),
    date: new Date().toISOString().slice(0, 10),
    smoke: options.smoke,
    scenarios: latencyScenarios(options.smoke),
    reps: options.smoke ? 2 : 3,
    latency: [],
    capacity: {
      steps: [],
      conference: '12 people, one or two typing at 5 edits/s, presence at 1 Hz, a 300-item board',
      stoppedBecause: '',
    },
    isolation: { windows: [], quiet: '', flood: '' },
    join: [],
    memory: [],
    client: [],
    durationS: 0,
  };
  const workers = [new LoadWorker(), new LoadWorker()];
  const wanted = (section: string): boolean => !options.only || options.only.includes(section);
  try {
    if (wanted('latency')) await latencySection(options, out, workers);
    if (wanted('isolation')) await isolationSection(options, out, workers);
    if (wanted('capacity')) await capacitySection(options, out, workers);
    if (wanted('join')) await joinSection(options, out, workers[0] as LoadWorker);
    if (wanted('memory')) await memorySection(options, out, workers[0] as LoadWorker);
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
  if (wanted('client')) await clientSection(options, out);
  out.durationS = (performance.now() - started) / 1000;
  return out;
}
