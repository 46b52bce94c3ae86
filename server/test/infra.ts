import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Real infrastructure for the scale-out tests: redis-server and PostgreSQL from Debian's packages, on free ports. */

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
    srv.on('error', reject);
  });
}

export interface Service {
  url: string;
  stop(): Promise<void>;
}

/** Whether a child process has exited (it could not bind its port, say). */
function exited(child: ChildProcess): () => boolean {
  let gone = child.exitCode !== null;
  child.once('exit', () => (gone = true));
  return () => gone;
}

/** Whether a Redis server answers PING on `port` (ours, not some other process that took the port). */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let reply = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => {
      reply += d.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

/**
 * A free port is free only until someone takes it: test files run side by side, so a service that
 * finds its port taken exits, and it starts again on another. Up to five tries.
 */
const TRIES = 5;

export async function startRedis(): Promise<Service> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conference-board-redis-'));
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
      stdio: 'ignore',
    });
    const gone = exited(child);
    const stop = async (): Promise<void> => {
      child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    };
    const started = Date.now();
    while (!gone() && !(await answersPing(port)) && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 100));
    // Ours answers only while it runs: a PONG from a port whose redis-server has exited is someone else's.
    if (!gone() && (await answersPing(port))) return { url: `redis://127.0.0.1:${port}`, stop };
    await stop();
    if (attempt >= TRIES) throw new Error(`redis-server did not start (port ${port}, ${attempt} tries)`);
  }
}

function postgresBin(): string {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => path.join(base, v, 'bin')).find((dir) => fs.existsSync(path.join(dir, 'initdb')));
  if (!found) throw new Error('PostgreSQL is not installed (Debian package postgresql): .ci/run installs it');
  return found;
}

/** PostgreSQL in a temporary directory. As root (CI), it runs as the `postgres` user, as initdb requires. */
export async function startPostgres(): Promise<Service> {
  const bin = postgresBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conference-board-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]): string[] => (asRoot ? ['runuser', '-u', 'postgres', '--', cmd, ...args] : [cmd, ...args]);
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  const [initCmd, ...initArgs] = run(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  execFileSync(initCmd as string, initArgs, { stdio: 'ignore' });
  // The postmaster's pid and port are the first and fourth lines of postmaster.pid, in our data directory.
  const pidFile = (): string[] | null => {
    try {
      return fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n');
    } catch {
      return null;
    }
  };
  const stopPostmaster = async (child: ChildProcess): Promise<void> => {
    // As root the child is runuser, which does not pass signals on: stop the postmaster itself, or
    // it outlives the test.
    const postmaster = Number(pidFile()?.[0]);
    if (postmaster > 0) {
      try {
        process.kill(postmaster, 'SIGQUIT'); // immediate shutdown
      } catch {
        // already gone
      }
      for (let i = 0; i < 50; i++) {
        try {
          process.kill(postmaster, 0);
          await new Promise((r) => setTimeout(r, 100));
        } catch {
          break;
        }
      }
    }
    child.kill('SIGKILL');
  };
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const [pgCmd, ...pgArgs] = run(path.join(bin, 'postgres'), [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
    ]);
    const child: ChildProcess = spawn(pgCmd as string, pgArgs, { stdio: 'ignore' });
    const gone = exited(child);
    // Ready means: this postmaster runs, on this port (another test's PostgreSQL may answer on a
    // port ours could not take), and accepts queries.
    const [readyCmd, ...readyArgs] = run(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)]);
    const ready = (): boolean => {
      if (gone() || pidFile()?.[3]?.trim() !== String(port)) return false;
      try {
        execFileSync(readyCmd as string, readyArgs, { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    };
    const started = Date.now();
    while (!gone() && !ready() && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 100));
    if (ready()) {
      return {
        url: `postgres://postgres@127.0.0.1:${port}/postgres`,
        stop: async () => {
          await stopPostmaster(child);
          fs.rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    await stopPostmaster(child);
    if (attempt >= TRIES) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`PostgreSQL did not start (port ${port}, ${attempt} tries)`);
    }
  }
}

/**
 * A minimal TCP load balancer for the test: each new connection goes to the first backend that
 * accepts it, so when one instance dies its clients reconnect to another.
 */
export async function startBalancer(backends: number[]): Promise<{ port: number; stop(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    const tryBackend = (i: number): void => {
      const port = backends[i];
      if (port === undefined) {
        client.destroy();
        return;
      }
      const upstream = net.connect(port, '127.0.0.1');
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        sockets.add(upstream);
        upstream.on('close', () => sockets.delete(upstream));
        client.pipe(upstream);
        upstream.pipe(client);
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.on('close', () => upstream.destroy());
      });
      upstream.once('error', () => {
        if (!connected) tryBackend(i + 1);
      });
    };
    // Hold what the client sends until a backend is connected; pipe() resumes it.
    client.pause();
    tryBackend(0);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
