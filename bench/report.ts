import { contender, CONTENDERS, PEERS, type ContenderId } from './relays.js';
import { percentile, type LatencyRun, type Results } from './run.js';

const fmt = (n: number | null | undefined, digits = 1): string =>
  n === null || n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits);

/** "lowest–highest" of a few figures. */
function spread(values: readonly number[], digits = 1): string {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return '–';
  return `${fmt(Math.min(...finite), digits)}–${fmt(Math.max(...finite), digits)}`;
}

/** What one contender did in one scenario, over all its repetitions. */
export interface Summary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  p99ByRep: number[];
  undelivered: number;
  deliveries: number;
  serverCpuPercent: number;
  cpuMicrosPerUpdate: number;
  cpuMicrosByRep: number[];
  framesPerUpdate: number;
  bytesPerUpdate: number;
  checkMicrosPerUpdate: number | null;
  loadCpuMax: number;
  rssMb: number;
}

export function summarise(runs: readonly LatencyRun[]): Summary | null {
  if (runs.length === 0) return null;
  const all = runs.flatMap((r) => r.samples).sort((a, b) => a - b);
  const edits = runs.reduce((n, r) => n + r.edits, 0);
  const cpuNs = runs.reduce((n, r) => n + r.serverCpuNs, 0);
  const measureMs = runs.reduce((n, r) => n + r.measureMs, 0);
  const checks = runs.every((r) => r.checks)
    ? runs.reduce((acc, r) => ({ updates: acc.updates + (r.checks?.updates ?? 0), micros: acc.micros + (r.checks?.micros ?? 0) }), {
        updates: 0,
        micros: 0,
      })
    : null;
  const expected = runs.reduce((n, r) => n + r.expected, 0);
  return {
    p50: percentile(all, 50),
    p95: percentile(all, 95),
    p99: percentile(all, 99),
    max: all[all.length - 1] ?? NaN,
    p99ByRep: runs.map((r) => percentile(r.samples, 99)),
    undelivered: Math.max(0, expected - all.length),
    deliveries: expected,
    serverCpuPercent: (cpuNs / 1e6 / measureMs) * 100,
    cpuMicrosPerUpdate: edits > 0 ? cpuNs / 1000 / edits : NaN,
    cpuMicrosByRep: runs.map((r) => (r.edits > 0 ? r.serverCpuNs / 1000 / r.edits : NaN)),
    framesPerUpdate: edits > 0 ? runs.reduce((n, r) => n + r.frames, 0) / edits : NaN,
    bytesPerUpdate: edits > 0 ? runs.reduce((n, r) => n + r.bytes, 0) / edits : NaN,
    checkMicrosPerUpdate: checks && checks.updates > 0 ? checks.micros / checks.updates : null,
    loadCpuMax: Math.max(...runs.flatMap((r) => r.loadCpu)),
    rssMb: Math.max(...runs.map((r) => r.rssPeakBytes)) / 2 ** 20,
  };
}

export function summaryOf(r: Results, scenario: string, id: ContenderId): Summary | null {
  return summarise(r.latency.filter((l) => l.scenario === scenario && l.contender === id));
}

function bestPeer(values: Partial<Record<ContenderId, number>>): number {
  const peers = PEERS.map((p) => values[p]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return peers.length > 0 ? Math.min(...peers) : NaN;
}

const ratio = (ours: number | undefined, best: number): number => (ours !== undefined && best > 0 ? ours / best : NaN);

export interface Target {
  what: string;
  figure: string;
  target: string;
  met: boolean | null;
}

/** Every target of the issue that this run measured, with the figure and whether it was met. */
export function targets(r: Results): Target[] {
  const out: Target[] = [];
  for (const s of r.scenarios) {
    const values: Partial<Record<ContenderId, number>> = {};
    const cpu: Partial<Record<ContenderId, number>> = {};
    for (const c of s.contenders) {
      const sum = summaryOf(r, s.label, c);
      if (sum) {
        values[c] = sum.p99;
        cpu[c] = sum.cpuMicrosPerUpdate;
      }
    }
    const p99Ratio = ratio(values.ours, bestPeer(values));
    const cpuRatio = ratio(cpu.ours, bestPeer(cpu));
    if (s.clientsPerRoom >= 100) {
      out.push({ what: `p99, ${s.label}`, figure: `${fmt(p99Ratio, 2)}× best peer`, target: '≤ 0.8×', met: p99Ratio <= 0.8 });
      out.push({
        what: `server CPU per update, ${s.label}`,
        figure: `${fmt(cpuRatio, 2)}× best peer`,
        target: '≤ 0.8×',
        met: cpuRatio <= 0.8,
      });
    } else if (s.rooms === 1) {
      out.push({
        what: `server CPU per update, ${s.label}`,
        figure: `${fmt(cpuRatio, 2)}× best peer`,
        target: '≤ 0.9×',
        met: cpuRatio <= 0.9,
      });
    }
  }
  const iso = isolation(r);
  if (iso)
    out.push({
      what: 'isolation: quiet conference p99 while another is flooded',
      figure: `${fmt(iso.ratio, 2)}× alone`,
      target: '≤ 1.5×',
      met: iso.ratio <= 1.5,
    });
  const cap = capacity(r);
  if (cap !== null)
    out.push({ what: 'capacity: realistic conferences with p99 < 100 ms', figure: `${cap}`, target: '≥ 500', met: cap >= 500 });
  for (const c of r.client) if (c.target) out.push({ what: c.label, figure: c.value, target: c.target, met: c.met ?? null });
  const rss = r.memory.find((m) => m.label.startsWith('RSS at start'));
  if (rss) {
    const k = ratio(rss.values.ours, bestPeer(rss.values));
    out.push({ what: 'RSS at start', figure: `${fmt(k, 2)}× best peer`, target: '≤ 1.2×', met: k <= 1.2 });
  }
  return out;
}

function isolation(r: Results): { alone: number; flooded: number; ratio: number } | null {
  const pool = (flooded: boolean): number[] =>
    r.isolation.windows
      .filter((w) => w.flooded === flooded)
      .flatMap((w) => w.samples)
      .sort((a, b) => a - b);
  if (r.isolation.windows.length === 0) return null;
  const alone = percentile(pool(false), 99);
  const flooded = percentile(pool(true), 99);
  return { alone, flooded, ratio: flooded / alone };
}

/** The most conferences at which p99 stayed under 100 ms. */
function capacity(r: Results): number | null {
  const ok = r.capacity.steps.filter((s) => s.p99 < 100 && s.undelivered <= s.deliveries * 0.01);
  if (r.capacity.steps.length === 0) return null;
  return ok.length > 0 ? Math.max(...ok.map((s) => s.conferences)) : 0;
}

export function report(r: Results): string {
  const lines: string[] = [];
  const push = (...l: string[]): void => {
    lines.push(...l);
  };
  push(
    `Machine: ${r.machine}. Date: ${r.date}. Run took ${r.durationS.toFixed(0)} s.${r.smoke ? ' SMOKE RUN (tiny sizes): not for comparison.' : ''}`,
    '',
  );
  push('### Targets', '', '| target | measured | goal | met |', '| --- | ---: | ---: | :---: |');
  for (const t of targets(r)) push(`| ${t.what} | ${t.figure} | ${t.target} | ${t.met === null ? '–' : t.met ? 'yes' : '**no**'} |`);
  push('');

  const main: ContenderId[] = ['floor', 'ours', 'y-websocket-server', 'hocuspocus'];
  const header = `| scenario | ${main.map((id) => contender(id).label).join(' | ')} | ours ÷ best peer |`;
  const rule = `| --- | ${main.map(() => '---:').join(' | ')} | ---: |`;
  push(`### Edit-to-visible latency (ms): p99 over all ${r.reps} repetitions (lowest–highest p99 of the repetitions)`, '', header, rule);
  for (const s of r.scenarios) {
    const values: Partial<Record<ContenderId, number>> = {};
    const cells = main.map((id) => {
      const sum = s.contenders.includes(id) ? summaryOf(r, s.label, id) : null;
      if (!sum) return '–';
      values[id] = sum.p99;
      return `${fmt(sum.p99)} (${spread(sum.p99ByRep)})`;
    });
    push(`| ${s.label} | ${cells.join(' | ')} | ${fmt(ratio(values.ours, bestPeer(values)), 2)}× |`);
  }
  push('');
  push(`### Server CPU per update (µs): over all repetitions (lowest–highest of the repetitions)`, '', header, rule);
  for (const s of r.scenarios) {
    const values: Partial<Record<ContenderId, number>> = {};
    const cells = main.map((id) => {
      const sum = s.contenders.includes(id) ? summaryOf(r, s.label, id) : null;
      if (!sum) return '–';
      values[id] = sum.cpuMicrosPerUpdate;
      return `${fmt(sum.cpuMicrosPerUpdate, 0)} (${spread(sum.cpuMicrosByRep, 0)})`;
    });
    push(`| ${s.label} | ${cells.join(' | ')} | ${fmt(ratio(values.ours, bestPeer(values)), 2)}× |`);
  }
  push('');
  const variants: ContenderId[] = ['ours', 'ours-memory', 'ours-fixed'];
  push(
    '### Ours three ways: SQLite on with the stock client (the figures above), an in-memory store (like for like with the peers), and our own client that sends no presence echoes',
    '',
    `| scenario | ${variants.map((id) => `${contender(id).label}: p99 ms / CPU µs per update`).join(' | ')} |`,
    `| --- | ${variants.map(() => '---:').join(' | ')} |`,
  );
  for (const s of r.scenarios) {
    if (!s.contenders.includes('ours-memory') && !s.contenders.includes('ours-fixed')) continue;
    const cells = variants.map((id) => {
      const sum = s.contenders.includes(id) ? summaryOf(r, s.label, id) : null;
      return sum ? `${fmt(sum.p99)} (${spread(sum.p99ByRep)}) / ${fmt(sum.cpuMicrosPerUpdate, 0)} (${spread(sum.cpuMicrosByRep, 0)})` : '–';
    });
    push(`| ${s.label} | ${cells.join(' | ')} |`);
  }
  push('');
  push(
    '### Edit-to-visible latency, in full',
    '',
    '| scenario | relay | p50 | p95 | p99 | max | undelivered / deliveries | server CPU % | server CPU µs per update | frames delivered per update | bytes delivered per update | rules check µs per update | load generator CPU % (busiest process) | server RSS peak MiB |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const s of r.scenarios) {
    for (const c of CONTENDERS) {
      const sum = s.contenders.includes(c.id) ? summaryOf(r, s.label, c.id) : null;
      if (!sum) continue;
      push(
        `| ${s.label} | ${c.label} | ${fmt(sum.p50)} | ${fmt(sum.p95)} | ${fmt(sum.p99)} | ${fmt(sum.max)} | ${sum.undelivered} / ${sum.deliveries} | ${fmt(sum.serverCpuPercent, 0)} | ${fmt(sum.cpuMicrosPerUpdate, 0)} | ${fmt(sum.framesPerUpdate, 1)} | ${fmt(sum.bytesPerUpdate, 0)} | ${c.relay === 'ours' || c.relay === 'ours-memory' ? fmt(sum.checkMicrosPerUpdate) : 'no checks'} | ${fmt(sum.loadCpuMax, 0)} | ${fmt(sum.rssMb, 0)} |`,
      );
    }
  }
  push('');

  const iso = isolation(r);
  push('### Isolation: a quiet conference while another is flooded (ours, SQLite on)', '');
  push(`Quiet conference: ${r.isolation.quiet}. Flood: ${r.isolation.flood}.`, '');
  push(
    '| window | p50 ms | p99 ms | undelivered / deliveries | server CPU % | flood updates checked per second |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  );
  r.isolation.windows.forEach((w, i) =>
    push(
      `| ${i + 1}: ${w.flooded ? 'flooded' : 'alone'} | ${fmt(percentile(w.samples, 50))} | ${fmt(percentile(w.samples, 99))} | ${Math.max(0, w.expected - w.samples.length)} / ${w.expected} | ${fmt(w.serverCpuPercent, 0)} | ${w.flooded ? fmt(w.floodUpdatesPerSecond, 0) : '–'} |`,
    ),
  );
  if (iso) push('', `p99 alone ${fmt(iso.alone)} ms, while flooded ${fmt(iso.flooded)} ms: **${fmt(iso.ratio, 2)}×** (goal ≤ 1.5×).`);
  push('');

  push('### Capacity: realistic conferences on one instance (ours, SQLite on, our own client)', '');
  push(`Each conference: ${r.capacity.conference}, everyone on both rooms. Stopped: ${r.capacity.stoppedBecause}.`, '');
  push(
    '| conferences | websockets | p50 ms | p99 ms | undelivered / deliveries | server CPU % | load generator CPU % (each process) | server RSS MiB |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const s of r.capacity.steps) {
    push(
      `| ${s.conferences} | ${s.connections} | ${fmt(s.p50)} | ${fmt(s.p99)} | ${s.undelivered} / ${s.deliveries} | ${fmt(s.serverCpuPercent, 0)} | ${s.loadCpu.map((c) => fmt(c, 0)).join(', ')} | ${fmt(s.rssMb, 0)} |`,
    );
  }
  const cap = capacity(r);
  if (cap !== null) push('', `Most conferences held with p99 under 100 ms: **${cap}** (goal ≥ 500).`);
  push('');

  const peerCols: ContenderId[] = ['ours', 'y-websocket-server', 'hocuspocus'];
  const peerHeader = `| measure | ${peerCols.map((id) => contender(id).label).join(' | ')} | ours ÷ best peer |`;
  const peerRule = `| --- | ${peerCols.map(() => '---:').join(' | ')} | ---: |`;
  push('### Join time', '', peerHeader, peerRule);
  for (const row of r.join)
    push(
      `| ${row.label} | ${peerCols.map((n) => fmt(row.values[n], 0)).join(' | ')} | ${fmt(ratio(row.values.ours, bestPeer(row.values)), 2)}× |`,
    );
  push('');
  push('### Memory', '', peerHeader, peerRule);
  for (const row of r.memory)
    push(
      `| ${row.label} | ${peerCols.map((n) => fmt(row.values[n], 0)).join(' | ')} | ${fmt(ratio(row.values.ours, bestPeer(row.values)), 2)}× |`,
    );
  push('');
  push('### The client', '', '| measure | value | goal |', '| --- | ---: | ---: |');
  for (const row of r.client) push(`| ${row.label} | ${row.value} | ${row.target ?? ''} |`);
  push('');
  return lines.join('\n');
}
