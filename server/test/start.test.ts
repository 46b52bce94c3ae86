import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, productionInstall, ROOT, run, waitForHttp, type Spawned } from './production.js';
import { connectClient, createConference, synced, tempDataDir, type RunningServer } from './harness.js';

const running: Spawned[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const r of running) await r.stop();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

async function listeningPort(s: Spawned): Promise<number> {
  const started = Date.now();
  for (;;) {
    const match = /"event":"listening","port":(\d+)/.exec(s.output());
    if (match) return Number(match[1]);
    if (s.child.exitCode !== null) throw new Error(`exited:\n${s.output()}`);
    if (Date.now() - started > 30_000) throw new Error(`did not start:\n${s.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('production start', () => {
  it('`npm start` runs the build from a production-only install, without the dev tools', async () => {
    const dir = productionInstall();
    dirs.push(dir);
    expect(fs.existsSync(path.join(dir, 'node_modules/vite'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'node_modules/typescript'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'node_modules/fastify'))).toBe(true);
    const server = run('npm', ['start'], { cwd: dir, env: { PORT: '0', HOST: '127.0.0.1', DATA_DIR: tempDataDir() } });
    running.push(server);
    const port = await listeningPort(server);
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const created = await fetch(`http://127.0.0.1:${port}/api/conferences`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'initial',
        date: '2026-11-23',
        caseReference: 'X-1',
        chairName: 'Ruth',
        children: [{ name: 'Z', age: 7 }],
      }),
    });
    expect(created.status).toBe(201);
    expect(server.output()).not.toMatch(/Building|vite/i);
  });
});

describe('start builds only when it has to', () => {
  /** A project whose `build` only writes the two files a build makes, so each run can be seen. */
  function fakeProject(withDevTools: boolean): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conference-board-fake-'));
    dirs.push(dir);
    fs.mkdirSync(path.join(dir, 'scripts'));
    fs.copyFileSync(path.join(ROOT, 'scripts/build-if-needed.mjs'), path.join(dir, 'scripts/build-if-needed.mjs'));
    const build =
      "node -e \"const fs=require('fs');fs.mkdirSync('dist/server/server',{recursive:true});fs.mkdirSync('dist/client',{recursive:true});" +
      "fs.writeFileSync('dist/server/server/main.js','');fs.writeFileSync('dist/client/index.html','');fs.appendFileSync('builds','x')\"";
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'fake', private: true, scripts: { build } }));
    fs.mkdirSync(path.join(dir, 'server'));
    fs.writeFileSync(path.join(dir, 'server/main.ts'), '');
    if (withDevTools)
      for (const m of ['vite', 'typescript']) {
        fs.mkdirSync(path.join(dir, 'node_modules', m), { recursive: true });
        fs.writeFileSync(path.join(dir, 'node_modules', m, 'package.json'), '{}');
      }
    return dir;
  }
  const prestart = (dir: string) => spawnSync(process.execPath, ['scripts/build-if-needed.mjs'], { cwd: dir, encoding: 'utf8' });
  const builds = (dir: string): number =>
    fs.existsSync(path.join(dir, 'builds')) ? fs.readFileSync(path.join(dir, 'builds'), 'utf8').length : 0;

  it('a fresh clone with the dev tools is built on first start, and again only after a change', () => {
    const dir = fakeProject(true);
    expect(prestart(dir).status).toBe(0);
    expect(builds(dir)).toBe(1);
    expect(prestart(dir).status).toBe(0);
    expect(builds(dir)).toBe(1);
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(dir, 'server/main.ts'), later, later);
    expect(prestart(dir).status).toBe(0);
    expect(builds(dir)).toBe(2);
  });

  it('without the dev tools and without a build, it says what to do instead of failing obscurely', () => {
    const dir = fakeProject(false);
    const result = prestart(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('npm ci && npm run build');
    expect(builds(dir)).toBe(0);
  });
});

describe('npm run dev', () => {
  it('serves the client from Vite and passes the API and the relay on to the server', async () => {
    const [port, vitePort] = [await freePort(), await freePort()];
    const dev = run('npm', ['run', 'dev'], {
      cwd: ROOT,
      env: { PORT: String(port), VITE_PORT: String(vitePort), HOST: '127.0.0.1', DATA_DIR: tempDataDir() },
    });
    running.push(dev);
    const vite = `http://127.0.0.1:${vitePort}`;
    const page = await waitForHttp(`${vite}/`, dev);
    expect(await page.text()).toContain('/@vite/client');
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, dev);
    // Through Vite's proxy, as the browser on Vite's address does.
    const viaVite = { url: vite, wsUrl: `ws://127.0.0.1:${vitePort}/ws` } as RunningServer;
    const conference = await createConference(viaVite);
    const { provider, doc } = connectClient(viaVite, conference.id, conference.chairToken);
    await synced(provider);
    expect(doc.getMap('meta').size + doc.share.size).toBeGreaterThan(0);
    provider.destroy();
    await dev.stop();
  });
});
