// Runs before `npm start`. A production install (`npm ci --omit=dev`) brings a build made
// elsewhere (the Docker image's build stage, or `npm run build` on a machine with the dev tools)
// and is started as it is. A clone where `npm install` brought the dev tools is built first when
// it has no build yet or its sources changed since, so `npm install && npm start` just works.
// Node built-ins only: this must run without the dev tools.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const outputs = ['dist/server/server/main.js', 'dist/client/index.html'].map((f) => path.join(root, f));
const sources = ['client/src', 'client/index.html', 'server', 'shared', 'vite.config.ts', 'tsconfig.json', 'tsconfig.server.json'];

/** Newest modification time under `p` (0 when absent); tests and test fixtures do not count. */
function newest(p) {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(p) ? 0 : stat.mtimeMs;
  if (path.basename(p) === 'test' || path.basename(p) === 'node_modules') return 0;
  let max = 0;
  for (const entry of fs.readdirSync(p)) max = Math.max(max, newest(path.join(p, entry)));
  return max;
}

const built = outputs.every((f) => fs.existsSync(f));
const builtAt = built ? Math.min(...outputs.map((f) => fs.statSync(f).mtimeMs)) : 0;
const sourcesAt = Math.max(...sources.map((s) => newest(path.join(root, s))));
const devTools = ['vite', 'typescript'].every((m) => fs.existsSync(path.join(root, 'node_modules', m, 'package.json')));

if (built && builtAt >= sourcesAt) process.exit(0);

if (!devTools) {
  if (built) {
    process.stderr.write(
      'Note: the sources look newer than the build. Starting the build as it is; to rebuild, install the dev tools (`npm ci`) and run `npm run build`.\n',
    );
    process.exit(0);
  }
  process.stderr.write(
    'Conference Board is not built yet, and building it needs the dev tools, which this install left out.\n' +
      'Either run `npm ci && npm run build` (then `npm prune --omit=dev` if you like) before `npm start`,\n' +
      'or use the Docker image (see docs/deployment.md).\n',
  );
  process.exit(1);
}

process.stdout.write(built ? 'The sources changed since the last build: building again…\n' : 'Building Conference Board (first start)…\n');
const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
