import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { productionInstall, ROOT, run, type Spawned } from './production.js';
import { tempDataDir } from './harness.js';

// Docker cannot run on this machine: these tests check what can be checked without it.

const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  deploy?: { replicas?: number };
}
const compose = parse(read('compose.yaml')) as { services: Record<string, ComposeService> };

/** The rows of the table under a heading of docs/deployment.md: service → [image cell, environment names]. */
function documentedServices(): Map<string, { image: string; env: string[] }> {
  const doc = read('docs/deployment.md');
  const section = doc.slice(doc.indexOf('## Docker Compose'));
  const rows = new Map<string, { image: string; env: string[] }>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const name = /^`([a-z-]+)`$/.exec(cells[1] ?? '')?.[1];
    if (!name || cells.length < 5) continue;
    rows.set(name, { image: cells[2] ?? '', env: [...(cells[3] ?? '').matchAll(/`([A-Z_]+)`/g)].map((m) => m[1] ?? '') });
  }
  return rows;
}

/** The settings the README's table lists. */
function readmeSettings(): string[] {
  return [...read('README.md').matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1] ?? '');
}

describe('compose.yaml', () => {
  it('has the services docs/deployment.md describes, each with the environment it lists', () => {
    const documented = documentedServices();
    expect([...documented.keys()].sort()).toEqual(Object.keys(compose.services).sort());
    for (const [name, service] of Object.entries(compose.services)) {
      const doc = documented.get(name);
      expect(Object.keys(service.environment ?? {}).sort(), name).toEqual([...(doc?.env ?? [])].sort());
      if (service.image && !service.build) expect(doc?.image, name).toContain(`\`${service.image}\``);
    }
  });

  it('runs the app as several instances on PostgreSQL and Redis, with settings the README documents', () => {
    const app = compose.services.app;
    expect(app?.build).toBeDefined();
    expect(app?.deploy?.replicas).toBeGreaterThan(1);
    const env = app?.environment ?? {};
    expect(new URL(env.DATABASE_URL?.replace(/\$\{[^}]+\}/, 'x') ?? '').hostname).toBe('postgres');
    expect(new URL(env.REDIS_URL ?? '').hostname).toBe('redis');
    const settings = readmeSettings();
    for (const name of Object.keys(env)) expect(settings, `${name} in the README`).toContain(name);
    // The password is never written into the file.
    expect(compose.services.postgres?.environment?.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
  });

  it('has a proxy whose access log leaves query strings (and so tokens) out', () => {
    const nginx = read('deploy/nginx.conf');
    const format = /log_format no_query '([^']+)'/.exec(nginx)?.[1] ?? '';
    expect(format).toContain('$uri');
    expect(format).not.toMatch(/\$request[^_]|\$request$|\$args|\$query_string|\$request_uri/);
    expect(nginx).toMatch(/access_log \S+ no_query;/);
    expect(nginx).toMatch(/proxy_set_header Upgrade \$http_upgrade/);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages[stages.length - 1] ?? '';
  const execForm = (instruction: string): string[] => {
    const match = new RegExp(`^${instruction} (?:--\\S+ )*(?:CMD )?(\\[.*\\])$`, 'm').exec(runtime);
    return match ? (JSON.parse(match[1] ?? '[]') as string[]) : [];
  };
  const running: Spawned[] = [];
  afterAll(async () => {
    for (const r of running) await r.stop();
  });

  it('builds in one stage and runs as a user other than root from another, with a health check', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(runtime).toMatch(/^USER (?!root\b|0\b)\S+/m);
    expect(runtime).toMatch(/^HEALTHCHECK /m);
    expect(runtime).not.toMatch(/npm (ci|install|run build)/);
    expect(stages[0]).toMatch(/npm run build/);
    expect(read('.dockerignore')).toMatch(/^node_modules$/m);
  });

  it('its start command and health check work in a production-only install', async () => {
    const cmd = execForm('CMD');
    const healthcheck = execForm('HEALTHCHECK');
    expect(cmd[0]).toBe('node');
    expect(healthcheck[0]).toBe('node');
    const dir = productionInstall();
    const port = String(30000 + Math.floor(Math.random() * 20000));
    const env = { PORT: port, HOST: '127.0.0.1', DATA_DIR: tempDataDir(), NODE_ENV: 'production' };
    const check = () => spawnSync(process.execPath, healthcheck.slice(1), { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8' });
    // Nothing is running yet: unhealthy.
    expect(check().status).toBe(1);
    const server = run(process.execPath, cmd.slice(1), { cwd: dir, env });
    running.push(server);
    await expect.poll(() => /"event":"listening"/.test(server.output()) || server.child.exitCode !== null, { timeout: 30_000 }).toBe(true);
    expect(server.output()).toContain('"event":"listening"');
    const result = check();
    expect(result.stdout).toContain('healthz: 200');
    expect(result.status).toBe(0);
    expect(await server.stop()).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
