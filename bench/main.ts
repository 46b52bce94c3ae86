/**
 * `npm run bench`: measures our relay side by side with @y/websocket-server and Hocuspocus, and the
 * client, in one run; prints the tables and writes docs/benchmarks.md. `--smoke` runs every part at
 * a tiny size (as `npm test` does) and writes test-results/bench-smoke.md instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runBench } from './run.js';
import { report } from './report.js';
import { ROOT } from './relays.js';

const smoke = process.argv.includes('--smoke');
// --only=latency,client runs some sections (while working on them); the page is then not rewritten.
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const t0 = Date.now();
const log = (line: string): void => {
  process.stderr.write(`${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s  ${line}\n`);
};
const results = await runBench({ smoke, only, log });
const tables = report(results);
process.stdout.write(`${tables}\n`);
if (smoke || only) {
  fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'test-results/bench-smoke.md'), tables);
} else {
  const doc = path.join(ROOT, 'docs/benchmarks.md');
  const intro = fs.readFileSync(path.join(ROOT, 'bench/benchmarks-intro.md'), 'utf8');
  fs.writeFileSync(doc, `${intro}\n## Results\n\n${tables}`);
  process.stderr.write(`wrote ${path.relative(ROOT, doc)}\n`);
}
