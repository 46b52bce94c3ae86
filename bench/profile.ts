/**
 * A CPU profile of one relay under one workload, for working on the relay (not part of `npm run
 * bench`): `npx tsx bench/profile.ts <workload> [relay] [client]`, after `npm run build`.
 * Workloads: 1x10-all, 1x10-one, 1x100-all, 1x100-one, realistic-<n> (n realistic conferences of
 * lean clients, as in the capacity scenario). Prints the functions with the most self time and
 * the server's CPU per update; the .cpuprofile is left in test-results/profiles for DevTools.
 */
import fs from 'node:fs';
import path from 'node:path';
import { contender, ROOT, startRelay, type ContenderId } from './relays.js';
import { prepareRooms, REALISTIC, runScenario, timedGo } from './run.js';
import { LoadWorker } from './worker.js';
import WebSocket from 'ws';
import type { LeanConference } from './load.js';

const [workload = '1x10-all', id = 'ours'] = process.argv.slice(2);
const c = contender(id as ContenderId);
const dir = path.join(ROOT, 'test-results/profiles');
fs.mkdirSync(dir, { recursive: true });
for (const f of fs.readdirSync(dir)) if (f.endsWith('.cpuprofile')) fs.rmSync(path.join(dir, f));
const profiling = process.env.PROFILE !== '0';
const relay = await startRelay(c.relay, { nodeArgs: profiling ? ['--inspect=127.0.0.1:0'] : [] });
// The profiler runs only in the measured time, started and stopped through the inspector.
const inspectorUrl = /ws:\/\/127\.0\.0\.1:\d+\/[\w-]+/.exec(relay.output())?.[0];
if (profiling && !inspectorUrl) throw new Error('no inspector');
const inspector = new WebSocket(inspectorUrl ?? 'ws://127.0.0.1:1');
inspector.on('error', () => undefined);
if (profiling) await new Promise((r) => inspector.once('open', r));
let calls = 0;
const inspect = (method: string, params: object = {}): Promise<Record<string, unknown>> =>
  new Promise((resolve) => {
    const id = ++calls;
    const onMessage = (data: WebSocket.RawData): void => {
      const m = JSON.parse(data.toString()) as { id?: number; result?: Record<string, unknown> };
      if (m.id !== id) return;
      inspector.off('message', onMessage);
      resolve(m.result ?? {});
    };
    inspector.on('message', onMessage);
    inspector.send(JSON.stringify({ id, method, params }));
  });
if (profiling) {
  await inspect('Profiler.enable');
  await inspect('Profiler.setSamplingInterval', { interval: 250 });
}
import { spawn } from 'node:child_process';
let strace: ReturnType<typeof spawn> | null = null;
let straceOut = '';
const around = process.env.STRACE
  ? {
      start: () => {
        strace = spawn('strace', ['-c', '-f', '-e', 'trace=writev,write,read,epoll_pwait,pwrite64,fcntl,fsync', '-p', String(relay.pid)], {
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        strace.stderr?.on('data', (d: Buffer) => (straceOut += d.toString()));
      },
      end: async () => {
        strace?.kill('SIGINT');
        await new Promise((r) => strace?.on('exit', r));
        console.log(
          straceOut
            .split('\n')
            .filter((l) => /^\s+\d/.test(l))
            .join('\n'),
        );
      },
    }
  : !profiling
    ? {}
    : {
        start: () => inspect('Profiler.start'),
        end: async () => {
          const { profile } = await inspect('Profiler.stop');
          fs.writeFileSync(path.join(dir, `${workload}-${id}.cpuprofile`), JSON.stringify(profile));
        },
      };
const workers = [new LoadWorker(), new LoadWorker()];
const measureMs = 6000;
let cpuMicrosPerUpdate = NaN;
try {
  const latency = /^(\d+)x(\d+)-(all|one)$/.exec(workload);
  if (latency) {
    const [, rooms, people, writers] = latency;
    const clients = Number(rooms) * Number(people);
    const r = await runScenario(
      relay,
      c,
      clients > 60 ? workers : workers.slice(0, 1),
      {
        rooms: Number(rooms),
        clientsPerRoom: Number(people),
        writers: writers as 'all' | 'one',
        rate: writers === 'all' ? Number(process.env.RATE ?? 2) : 20,
        presenceHz: 1,
      },
      { warmupMs: 1000, measureMs, windows: 1, drainMs: 300 },
      around,
    );
    const edits = r.parts.reduce((n, p) => n + p.edits, 0);
    cpuMicrosPerUpdate = r.serverCpuNs / 1000 / edits;
    const samples = r.parts.flatMap((p) => p.windows.flat()).sort((a, b) => a - b);
    console.log(
      `p99 ${samples[Math.floor(samples.length * 0.99)]?.toFixed(1)} ms, server CPU ${((r.serverCpuNs / 1e6 / measureMs) * 100).toFixed(0)} %`,
    );
  } else {
    const n = Number(/^realistic-(\d+)$/.exec(workload)?.[1] ?? 50);
    const rooms = await prepareRooms(relay, n);
    const batches: LeanConference[][] = [[], []];
    rooms.forEach((room, i) =>
      batches[i % 2]?.push({ ...room, people: REALISTIC.people, typists: 1 + (i % 2), seedItems: REALISTIC.seedItems }),
    );
    await Promise.all(workers.map((w, i) => w.call('lean-add', { wsUrl: relay.wsUrl, conferences: batches[i], chairRoom: true })));
    await Promise.all(workers.map((w) => w.call('lean-start', { rate: REALISTIC.rate, presenceHz: REALISTIC.presenceHz })));
    // One timed conference per load process, like the capacity scenario's probes.
    const probes = await prepareRooms(relay, 2);
    await Promise.all(
      workers.map((w, i) =>
        w.call('latency-setup', {
          target: { relay: relay.name, client: 'ours-fixed', wsUrl: relay.wsUrl, httpUrl: relay.httpUrl },
          parts: [{ ...probes[i], size: REALISTIC.people, local: REALISTIC.people, writers: 1 + i, seedItems: REALISTIC.seedItems }],
          rate: REALISTIC.rate,
          presenceHz: REALISTIC.presenceHz,
          tag: `x${i}`,
        }),
      ),
    );
    const r = await timedGo(relay, workers, { warmupMs: 1500, measureMs, windows: 1, drainMs: 100 }, around);
    const updates = r.checks?.updates ?? NaN;
    cpuMicrosPerUpdate = r.serverCpuNs / 1000 / updates;
    const samples = r.parts.flatMap((p) => p.windows.flat()).sort((a, b) => a - b);
    const frames = r.parts.reduce((n, p) => n + p.frames, 0) / r.parts.reduce((n, p) => n + p.edits, 0);
    console.log(
      `p50 ${samples[Math.floor(samples.length * 0.5)]?.toFixed(1)} p99 ${samples[Math.floor(samples.length * 0.99)]?.toFixed(1)} ms, frames per probe update ${frames.toFixed(1)}, server CPU ${((r.serverCpuNs / 1e6 / measureMs) * 100).toFixed(0)} %, ${((updates / measureMs) * 1000).toFixed(0)} updates/s checked`,
    );
    await Promise.all(workers.map((w) => w.call('lean-teardown')));
  }
} finally {
  await Promise.all(workers.map((w) => w.close()));
  await relay.stop();
}
console.log(`server CPU per update: ${cpuMicrosPerUpdate.toFixed(0)} µs`);

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
  const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((s, i) => self.set(s, (self.get(s) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const key = (n: Node): string =>
    `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/dist\//, '')}:${n.callFrame.lineNumber + 1}`;
  const selfBy = new Map<string, number>();
  for (const [nid, t] of self) {
    const n = byId.get(nid);
    if (n) selfBy.set(key(n), (selfBy.get(key(n)) ?? 0) + t);
  }
  // Inclusive time: each function counted once per stack.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const ch of n.children ?? []) parent.set(ch, n.id);
  const incl = new Map<string, number>();
  for (const [nid, t] of self) {
    const seen = new Set<string>();
    for (let cur: number | undefined = nid; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      if (!n) break;
      const k = key(n);
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + t);
    }
  }
  const top = (m: Map<string, number>, n: number): string =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, t]) => `${((t / total) * 100).toFixed(1).padStart(5)} %  ${k}`)
      .join('\n');
  console.log(`\n${file}: ${(total / 1e6).toFixed(1)} s sampled\n-- self --\n${top(selfBy, 30)}\n-- inclusive --\n${top(incl, 40)}`);
}
