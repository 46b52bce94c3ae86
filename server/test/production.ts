import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * A production-only install of the built app in a new directory, as `npm ci --omit=dev` leaves it
 * next to a build: package.json, the lock file, scripts/, dist/ and only the packages that
 * `npm ls --omit=dev` lists, hard-linked from this checkout's node_modules (no network, no compiling).
 * Needs `npm run build` first.
 */
export function productionInstall(): string {
  if (!fs.existsSync(path.join(ROOT, 'dist/server/server/main.js'))) throw new Error('run `npm run build` first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conference-board-production-'));
  for (const f of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
  for (const d of ['scripts', 'dist']) fs.cpSync(path.join(ROOT, d), path.join(dir, d), { recursive: true });
  const listed = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: ROOT, encoding: 'utf8' });
  const packages = listed.stdout
    .split('\n')
    .filter((p) => p.startsWith(path.join(ROOT, 'node_modules') + path.sep))
    .map((p) => path.relative(ROOT, p))
    .sort((a, b) => a.length - b.length);
  const copied: string[] = [];
  for (const rel of packages) {
    // A package's own node_modules comes with it.
    if (copied.some((c) => rel.startsWith(c + path.sep))) continue;
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    const cp = spawnSync('cp', ['-al', path.join(ROOT, rel), path.join(dir, rel)]);
    if (cp.status !== 0) throw new Error(`could not link ${rel}: ${cp.stderr.toString()}`);
    copied.push(rel);
  }
  return dir;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Spawned {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<number | string>;
  stop(): Promise<number | string>;
}

/** Runs a command in its own process group, so that stopping it stops what it started too. */
export function run(command: string, args: string[], options: { cwd: string; env?: Record<string, string> }): Spawned {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return {
    child,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null && child.pid) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
      return exited;
    },
  };
}

/** Polls `url` until it answers (any HTTP status), or fails after `timeoutMs`. */
export async function waitForHttp(url: string, what: Spawned, timeoutMs = 60_000): Promise<Response> {
  const started = Date.now();
  for (;;) {
    try {
      return await fetch(url);
    } catch {
      if (what.child.exitCode !== null) throw new Error(`exited before answering:\n${what.output()}`);
      if (Date.now() - started > timeoutMs) throw new Error(`no answer from ${url}:\n${what.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
