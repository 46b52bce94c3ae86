import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A relay process the benchmark can start. */
export type RelayName = 'floor' | 'ours' | 'ours-memory' | 'y-websocket-server' | 'hocuspocus';

/** Which client library the simulated people use. */
export type ClientKind = 'stock' | 'hocuspocus' | 'ours-fixed';

/** One column of the results: a relay with the clients that talk to it. */
export interface Contender {
  id: 'floor' | 'ours' | 'ours-memory' | 'ours-fixed' | 'y-websocket-server' | 'hocuspocus';
  relay: RelayName;
  client: ClientKind;
  label: string;
}

export const CONTENDERS: readonly Contender[] = [
  { id: 'floor', relay: 'floor', client: 'stock', label: 'floor (forwards frames, no decoding)' },
  { id: 'ours', relay: 'ours', client: 'stock', label: 'ours (SQLite on)' },
  { id: 'ours-memory', relay: 'ours-memory', client: 'stock', label: 'ours, in-memory store' },
  { id: 'ours-fixed', relay: 'ours', client: 'ours-fixed', label: 'ours (SQLite on), our client (no presence echo)' },
  { id: 'y-websocket-server', relay: 'y-websocket-server', client: 'stock', label: '@y/websocket-server 0.1.1' },
  { id: 'hocuspocus', relay: 'hocuspocus', client: 'hocuspocus', label: '@hocuspocus/server 4' },
];
export type ContenderId = Contender['id'];
export const contender = (id: ContenderId): Contender => CONTENDERS.find((c) => c.id === id) as Contender;
/** The servers a team would otherwise deploy: "ours ÷ best peer" compares with these. */
export const PEERS: readonly ContenderId[] = ['y-websocket-server', 'hocuspocus'];
/** Is it one of ours (a real conference, token and rules)? */
export const isOurs = (relay: RelayName): boolean => relay === 'ours' || relay === 'ours-memory';

export interface RunningRelay {
  name: RelayName;
  pid: number;
  port: number;
  wsUrl: string;
  httpUrl: string;
  /** What the relay wrote so far (stdout and stderr). */
  output(): string;
  /** With `heapProbe`: garbage-collects in the relay and returns its live heap and RSS, bytes. */
  probeHeap(): Promise<{ heapUsed: number; rss: number }>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * Starts one relay as its own process on a free port; resolves once it listens. `heapProbe` runs it
 * with --expose-gc and a probe that reports the live heap after a full collection (every relay the
 * same way). `env` adds settings for ours.
 */
export async function startRelay(
  name: RelayName,
  options: { heapProbe?: boolean; env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<RunningRelay> {
  const port = await freePort();
  let dataDir: string | null = null;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  const nodeArgs = [
    ...(options.heapProbe ? ['--expose-gc', '--import', path.join(ROOT, 'bench/servers/heap-probe.mjs')] : []),
    ...(options.nodeArgs ?? []),
  ];
  let script: string[];
  if (isOurs(name)) {
    // Every simulated person connects from 127.0.0.1: the per-address limits on conference creation
    // and token checks would refuse them. And every simulated person in a room uses its chair's
    // token: to the relay they are one person, whose limits on connections, share of the document
    // and items added would refuse them. Every other limit (per connection, per conference) is as
    // shipped.
    Object.assign(env, {
      RATE_LIMIT_CREATE_PER_MINUTE: '1000000',
      RATE_LIMIT_TOKEN_CHECKS_PER_MINUTE: '1000000',
      CONNECTIONS_PER_PERSON: '10000',
      MAX_PERSON_BYTES: String(1024 * 1024 * 1024),
      RECORDS_PER_MINUTE: '1000000',
      ...options.env,
    });
  }
  if (name === 'ours') {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conference-board-bench-'));
    env.DATA_DIR = dataDir;
    // The built server, exactly as `npm start` runs it (`npm run bench` builds it first).
    script = [path.join(ROOT, 'dist/server/server/main.js')];
  } else if (name === 'ours-memory') {
    script = ['--import', 'tsx', path.join(ROOT, 'bench/servers/ours-memory.ts')];
  } else {
    script = [path.join(ROOT, 'bench/servers', `${name}.mjs`)];
  }
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, ...script], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.channel?.unref();
  let output = '';
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${output}`)), 30_000);
    const onData = (d: Buffer): void => {
      output += d.toString();
      if (output.includes('listening') || output.includes('is running')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.on(
          'data',
          (more: Buffer) => (output = (output + more.toString()).slice(-(Number(process.env.BENCH_OUTPUT_MAX) || 100_000))),
        );
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${name} exited with ${code}: ${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let probes = 0;
  return {
    name,
    pid: child.pid ?? 0,
    port,
    wsUrl: isOurs(name) ? `ws://127.0.0.1:${port}/ws` : `ws://127.0.0.1:${port}`,
    httpUrl: `http://127.0.0.1:${port}`,
    output: () => output,
    probeHeap() {
      const id = ++probes;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${name}: no answer from the heap probe`)), 10_000);
        const onMessage = (m: { probe?: number; heapUsed: number; rss: number }): void => {
          if (m.probe !== id) return;
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve({ heapUsed: m.heapUsed, rss: m.rss });
        };
        child.on('message', onMessage);
        child.send({ probe: true, id });
      });
    },
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * CPU time a process has had, in ns: the sum over its threads of /proc/<pid>/task/<tid>/schedstat
 * (nanosecond accounting by the scheduler, not 10 ms ticks). Threads that ended are not counted.
 */
export function processCpuNs(pid: number): number {
  let total = 0;
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread ended meanwhile
    }
  }
  return total;
}

/** Resident memory of a process, bytes. */
export function processRss(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}
