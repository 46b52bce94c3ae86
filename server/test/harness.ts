import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import type { Author } from '../../shared/model/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunningServer {
  port: number;
  url: string;
  wsUrl: string;
  dataDir: string;
  process: ChildProcess;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  /** Stops the server: SIGTERM (graceful) or SIGKILL (a crash). Resolves when it has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'conference-board-test-'));
}

/** Starts the real server (`server/main.ts`) as its own process on a free port. */
export async function startServer(options: { dataDir?: string; port?: number; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? tempDataDir();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      // Tests make many requests from one address; the rate-limit test sets its own.
      RATE_LIMIT_CREATE_PER_MINUTE: '100000',
      RATE_LIMIT_TOKEN_CHECKS_PER_MINUTE: '100000',
      // Tests add items far faster than people do; the abuse tests set the shipped limit.
      RECORDS_PER_MINUTE: '100000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const check = (): void => {
      const match = /"event":"listening","port":(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    dataDir,
    process: child,
    output: () => output,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

export interface Conference {
  id: string;
  chairToken: string;
  professionalToken: string;
  familyToken: string;
  links: { chair: string; professional: string; family: string };
}

export const SAMPLE_DETAILS = {
  kind: 'initial',
  date: '2026-11-23',
  caseReference: 'CP-2026-0147',
  chairName: 'Ruth Adeyemi',
  children: [
    { name: 'Zoë', age: 7 },
    { name: 'Ł.K.', age: 4 },
  ],
};

export async function api(server: RunningServer, method: string, pathname: string, token?: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${server.url}${pathname}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

export async function createConference(server: RunningServer, details: Record<string, unknown> = {}): Promise<Conference> {
  const res = await api(server, 'POST', '/api/conferences', undefined, { ...SAMPLE_DETAILS, ...details });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as Conference;
}

/** A person joins through an invitation: asks in the lobby, and the chair lets them in. Returns their token. */
export async function joinThroughLobby(
  server: RunningServer,
  conf: Conference,
  invitationToken: string,
  name: string,
  roleLabel: string,
): Promise<string> {
  const asked = await api(server, 'POST', `/api/conferences/${conf.id}/lobby`, invitationToken, { name, roleLabel });
  if (asked.status !== 201) throw new Error(`lobby request failed: ${asked.status} ${await asked.text()}`);
  const { token, participantId, kind } = (await asked.json()) as { token: string; participantId: string; kind: string };
  if (kind === 'lobby') {
    const admitted = await api(server, 'POST', `/api/conferences/${conf.id}/lobby/${participantId}/admit`, conf.chairToken);
    if (admitted.status !== 204) throw new Error(`admit failed: ${admitted.status}`);
  }
  return token;
}

/** Who a token belongs to, as the server knows them: the author a client must write as. */
export async function whoIs(server: RunningServer, conferenceId: string, token: string): Promise<Author> {
  const res = await api(server, 'GET', `/api/conferences/${conferenceId}/me`, token);
  if (res.status !== 200) throw new Error(`me failed: ${res.status}`);
  const me = (await res.json()) as { participantId: string; name: string; roleLabel: string; role: Author['role'] };
  return { id: me.participantId, name: me.name, roleLabel: me.roleLabel, role: me.role };
}

/** A stock y-websocket provider in Node, as any Yjs client would connect. */
export function connectClient(server: RunningServer, room: string, token: string): { doc: Y.Doc; provider: WebsocketProvider } {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(server.wsUrl, room, doc, {
    params: { token },
    // ws's WebSocket is what a Node client uses; its type differs from the DOM one in details only.
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return { doc, provider };
}

export function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = (): void => {
      if (check()) resolve();
      else if (Date.now() - started > timeoutMs) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(tick, 10);
    };
    tick();
  });
}

export function synced(provider: WebsocketProvider): Promise<void> {
  return waitFor(() => provider.synced, 'provider to sync');
}

/** Opens a raw websocket and reports how the upgrade went: the HTTP status of a refusal, or 101. */
export function tryUpgrade(url: string, options: { localAddress?: string } = {}): Promise<{ status: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, options);
    ws.on('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.on('upgrade', () => {
      resolve({ status: 101 });
      ws.terminate();
    });
    ws.on('error', () => undefined);
  });
}
