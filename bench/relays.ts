import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type RelayName = 'ours' | 'y-websocket-server' | 'hocuspocus';
export const RELAYS: readonly RelayName[] = ['ours', 'y-websocket-server', 'hocuspocus'];
export const RELAY_LABELS: Record<RelayName, string> = {
  ours: 'ours (SQLite on)',
  'y-websocket-server': '@y/websocket-server 0.1.1',
  hocuspocus: '@hocuspocus/server 4',
};

export interface RunningRelay {
  name: RelayName;
  pid: number;
  port: number;
  wsUrl: string;
  httpUrl: string;
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

/** Starts one relay as its own process on a free port; resolves once it listens. */
export async function startRelay(name: RelayName): Promise<RunningRelay> {
  const port = await freePort();
  let child: ChildProcess;
  let dataDir: string | null = null;
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  if (name === 'ours') {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conference-board-bench-'));
    // The built server, exactly as `npm start` runs it (`npm run bench` builds it first).
    child = spawn(process.execPath, [path.join(ROOT, 'dist/server/server/main.js')], {
      cwd: ROOT,
      env: { ...env, DATA_DIR: dataDir, RATE_LIMIT_CREATE_PER_MINUTE: '1000000', RATE_LIMIT_TOKEN_CHECKS_PER_MINUTE: '1000000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } else {
    child = spawn(process.execPath, [path.join(ROOT, 'bench/servers', `${name}.mjs`)], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }
  let output = '';
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${output}`)), 30_000);
    const onData = (d: Buffer): void => {
      output += d.toString();
      if (output.includes('listening') || output.includes('is running')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${name} exited with ${code}: ${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    pid: child.pid ?? 0,
    port,
    wsUrl: name === 'ours' ? `ws://127.0.0.1:${port}/ws` : `ws://127.0.0.1:${port}`,
    httpUrl: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** CPU time (ms) and resident memory (bytes) of a process, from /proc. */
export function processUsage(pid: number): { cpuMs: number; rssBytes: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpuMs: (ticks * 1000) / 100, rssBytes: rssKb * 1024 };
}
