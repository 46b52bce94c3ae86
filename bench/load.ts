/**
 * The load generator: runs in its own process, apart from the relay it measures. Given one
 * scenario (JSON in argv[2]), it connects the clients, runs the workload and prints one JSON line
 * with the result. Lines {"event":"measure-start"} / {"event":"measure-end"} mark the window in
 * which the orchestrator samples the server's CPU and memory.
 */
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { addCard, editCardText, type Author, type ColumnId } from '../shared/model/index.js';
import { connect, prepareRoom, type BenchClient, type Target } from './clients.js';

export type Scenario =
  | (Target & {
      kind: 'latency';
      rooms: number;
      clientsPerRoom: number;
      writers: 'one' | 'all';
      /** Edits per second per writer. */
      rate: number;
      presenceHz: number;
      warmupMs: number;
      /** The measured time, split into `windows` equal repetitions (each reports its own p99). */
      measureMs: number;
      windows: number;
      drainMs: number;
    })
  | (Target & { kind: 'join'; targetBytes: number; repetitions: number; crowd: number; cold: boolean })
  | (Target & { kind: 'memory'; conferences: number; connections: number; soak: number });

const say = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value)}\n`);
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function connectAll(target: Target, room: string, token: string | undefined, n: number): Promise<BenchClient[]> {
  const clients: BenchClient[] = [];
  for (let i = 0; i < n; i++) clients.push(connect(target, room, token));
  await Promise.all(clients.map((c) => c.synced));
  return clients;
}

async function latency(s: Extract<Scenario, { kind: 'latency' }>): Promise<unknown> {
  const started = performance.now();
  const rooms: BenchClient[][] = [];
  const authors: Author[] = [];
  for (let r = 0; r < s.rooms; r++) {
    const { room, token, author } = await prepareRoom(s);
    rooms.push(await connectAll(s, room, token, s.clientsPerRoom));
    authors.push(author);
  }
  const connectMs = performance.now() - started;
  // Each writer edits an item of its own on the board: the edit's text carries its key and send time.
  const items = rooms.map((clients, r) => clients.map((c) => addCard(c.doc, { column: 'grey', text: 'bench', author: authors[r] as Author }).id));
  const samples: number[] = [];
  const windowSamples: number[][] = Array.from({ length: s.windows }, () => []);
  let expected = 0;
  let phase: 'warmup' | 'measure' | 'drain' = 'warmup';
  let window = 0;
  rooms.forEach((clients) =>
    clients.forEach((client) => {
      client.doc.getMap('cards').observeDeep((events) => {
        const now = performance.now();
        for (const event of events) {
          if (event.transaction.local || !(event instanceof Y.YMapEvent) || !event.keysChanged.has('text')) continue;
          // Edits made in the measured time say `m<window>:… @<sent>`.
          const text = String((event.target as Y.Map<unknown>).get('text'));
          if (!text.startsWith('m')) continue;
          const ms = now - Number(text.slice(text.indexOf('@') + 1));
          samples.push(ms);
          windowSamples[Number(text.slice(1, text.indexOf(':')))]?.push(ms);
        }
      });
    }),
  );
  const timers: NodeJS.Timeout[] = [];
  let seq = 0;
  rooms.forEach((clients, r) => {
    const writers = s.writers === 'one' ? clients.slice(0, 1) : clients;
    writers.forEach((client, w) => {
      const interval = 1000 / s.rate;
      const start = setTimeout(() => {
        timers.push(
          setInterval(() => {
            if (phase === 'drain') return;
            const key = `${phase === 'measure' ? `m${window}` : 'w'}:${r}:${w}:${seq++}`;
            if (phase === 'measure') expected += clients.length - 1;
            editCardText(client.doc, items[r]?.[w] ?? '', `${key} @${performance.now()}`, authors[r] as Author);
          }, interval),
        );
      }, Math.random() * interval);
      timers.push(start);
    });
    if (s.presenceHz > 0) {
      clients.forEach((client, i) => {
        const start = setTimeout(
          () => timers.push(setInterval(() => client.awareness.setLocalStateField('cursor', { at: seq, who: i }), 1000 / s.presenceHz)),
          Math.random() * 1000,
        );
        timers.push(start);
      });
    }
  });
  await sleep(s.warmupMs);
  phase = 'measure';
  say({ event: 'measure-start' });
  for (window = 0; window < s.windows; window++) await sleep(s.measureMs / s.windows);
  say({ event: 'measure-end' });
  phase = 'drain';
  await sleep(s.drainMs);
  timers.forEach((t) => clearInterval(t));
  for (const clients of rooms) for (const c of clients) c.destroy();
  const at = (sorted: number[], p: number): number =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
  samples.sort((a, b) => a - b);
  const p99ByWindow = windowSamples.map((w) => at(w.sort((a, b) => a - b), 99));
  return {
    p50: at(samples, 50),
    p95: at(samples, 95),
    p99: at(samples, 99),
    max: samples[samples.length - 1] ?? NaN,
    p99ByWindow,
    expected,
    received: samples.length,
    connectMs,
  };
}

/** Builds a conference-like document: many items whose text was written and rewritten. */
function seedContent(doc: Y.Doc, from: number, count: number, author: Author): void {
  const columns: ColumnId[] = ['danger', 'safety', 'strengths', 'complicating', 'grey'];
  doc.transact(() => {
    for (let i = from; i < from + count; i++) {
      const id = addCard(doc, { column: columns[i % 5] as ColumnId, text: `Observation ${i}`, author }).id;
      let text = '';
      for (let edit = 0; edit < 6; edit++) {
        text += `Observation ${i}.${edit}: the family told us about the week and what helped. `.repeat(4);
        editCardText(doc, id, text.slice(0, 2000), author);
      }
    }
  });
}

async function join(s: Extract<Scenario, { kind: 'join' }>): Promise<unknown> {
  const { room, token, author } = await prepareRoom(s);
  const [seeder] = await connectAll(s, room, token, 1);
  if (!seeder) throw new Error('no seeder');
  let cards = 0;
  while (Y.encodeStateAsUpdate(seeder.doc).byteLength < s.targetBytes) {
    seedContent(seeder.doc, cards, 150, author);
    cards += 150;
    await sleep(20);
  }
  const bytes = Y.encodeStateAsUpdate(seeder.doc).byteLength;
  // Wait until the relay has it all: a fresh client sees every card.
  for (;;) {
    const [probe] = await connectAll(s, room, token, 1);
    const got = probe?.doc.getMap('cards').size ?? 0;
    probe?.destroy();
    if (got >= cards) break;
    await sleep(200);
  }
  const timeJoin = async (n: number): Promise<number[]> => {
    const t0 = performance.now();
    const clients = Array.from({ length: n }, () => connect(s, room, token));
    const times = await Promise.all(clients.map((c) => c.synced.then(() => performance.now() - t0)));
    clients.forEach((c) => c.destroy());
    return times;
  };
  const alone: number[] = [];
  for (let i = 0; i < s.repetitions; i++) alone.push(...(await timeJoin(1)));
  const crowd = s.crowd > 0 ? await timeJoin(s.crowd) : [];
  let cold: number[] = [];
  if (s.cold) {
    seeder.destroy();
    for (let i = 0; i < s.repetitions; i++) {
      await sleep(300); // the room unloads after the last person leaves
      cold.push(...(await timeJoin(1)));
    }
  } else {
    seeder.destroy();
  }
  return { bytes, cards, alone, crowd, cold };
}

async function memory(s: Extract<Scenario, { kind: 'memory' }>): Promise<unknown> {
  say({ event: 'phase', phase: 'baseline' });
  await sleep(1500);
  say({ event: 'sample', name: 'baseline' });
  // Many loaded conferences, one person in each. The conferences are created first (for ours,
  // through the API), so that what is measured is what an open conference holds in memory.
  const rooms: Array<{ room: string; token?: string; author: Author }> = [];
  for (let i = 0; i < s.conferences; i++) rooms.push(await prepareRoom(s));
  const crowdRoom = await prepareRoom(s);
  await sleep(1000);
  say({ event: 'sample', name: 'prepared' });
  const open: BenchClient[] = [];
  for (const [i, { room, token, author }] of rooms.entries()) {
    const c = connect(s, room, token);
    open.push(c);
    await c.synced;
    addCard(c.doc, { column: 'grey', text: `Item ${i}`, author });
  }
  await sleep(1000);
  say({ event: 'sample', name: 'conferences' });
  open.splice(0).forEach((c) => c.destroy());
  await sleep(1000);
  say({ event: 'sample', name: 'after-conferences' });
  // Many people in one conference.
  const crowd = await connectAll(s, crowdRoom.room, crowdRoom.token, s.connections);
  await sleep(1000);
  say({ event: 'sample', name: 'connections' });
  crowd.forEach((c) => c.destroy());
  // The soak: conferences open and close, a few at a time, in two rounds. RSS after the first
  // round shows what the process keeps (V8 and malloc hold on to pages); the second round shows
  // whether it keeps growing (a leak) or stays level.
  const soakRound = async (): Promise<void> => {
    for (let i = 0; i < s.soak; i += 20) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(20, s.soak - i) }, async () => {
          const r = await prepareRoom(s);
          const c = connect(s, r.room, r.token);
          await c.synced;
          for (let k = 0; k < 5; k++) addCard(c.doc, { column: 'grey', text: `Item ${k}`, author: r.author });
          return c;
        }),
      );
      await sleep(50);
      batch.forEach((c) => c.destroy());
    }
    await sleep(3000);
  };
  await soakRound();
  say({ event: 'sample', name: 'after-soak' });
  await soakRound();
  say({ event: 'sample', name: 'after-second-soak' });
  return {};
}

const scenario = JSON.parse(process.argv[2] ?? '{}') as Scenario;
const run = scenario.kind === 'latency' ? latency(scenario) : scenario.kind === 'join' ? join(scenario) : memory(scenario);
run
  .then((result) => {
    // Exit only once the line is written: a pipe is written asynchronously.
    process.stdout.write(`${JSON.stringify({ event: 'result', result })}\n`, () => process.exit(0));
  })
  .catch((err: unknown) => {
    say({ event: 'error', message: err instanceof Error ? err.message : String(err) });
    process.exit(1);
  });
