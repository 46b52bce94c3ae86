import { describe, expect, it } from 'vitest';
import { CONTENDERS } from './relays.js';
import { runBench } from './run.js';
import { report, summaryOf } from './report.js';

// A small-size run of the whole benchmark harness, so that it never rots. It measures nothing worth
// comparing; `npm run bench` does. It checks that every contender ran every part and produced figures.
describe('the benchmark harness (smoke run)', () => {
  it('measures every contender in every section and writes the tables', async () => {
    const lines: string[] = [];
    const results = await runBench({ smoke: true, log: (line) => lines.push(line) });
    for (const scenario of results.scenarios) {
      for (const c of CONTENDERS) {
        // Each contender ran in every repetition, each its own server start.
        const runs = results.latency.filter((r) => r.scenario === scenario.label && r.contender === c.id);
        expect(runs.map((r) => r.rep)).toEqual([0, 1]);
        const sum = summaryOf(results, scenario.label, c.id);
        expect(sum?.undelivered).toBe(0);
        expect(sum?.deliveries).toBeGreaterThan(0);
        expect(Number.isFinite(sum?.p99)).toBe(true);
        // CPU from schedstat, and what the clients received, per update.
        expect(sum?.cpuMicrosPerUpdate).toBeGreaterThan(0);
        expect(sum?.framesPerUpdate).toBeGreaterThan(0);
        expect(sum?.bytesPerUpdate).toBeGreaterThan(0);
        // Our relay checks every update against the rules, and reports what that costs.
        if (c.relay === 'ours' || c.relay === 'ours-memory') expect(sum?.checkMicrosPerUpdate).toBeGreaterThan(0);
      }
    }
    // The order of the contenders turns from one repetition to the next.
    const order = (rep: number): string[] => results.latency.filter((r) => r.rep === rep).map((r) => r.contender);
    expect(order(0)).not.toEqual(order(1));
    expect(results.isolation.windows.map((w) => w.flooded)).toEqual([false, true, false, true]);
    for (const w of results.isolation.windows) expect(w.samples.length).toBeGreaterThan(0);
    expect(results.isolation.windows.find((w) => w.flooded)?.floodUpdatesPerSecond).toBeGreaterThan(0);
    expect(results.capacity.steps.length).toBeGreaterThan(0);
    expect(Number.isFinite(results.capacity.steps[0]?.p99)).toBe(true);
    for (const row of results.join.filter((j) => !j.note))
      for (const id of ['ours', 'hocuspocus'] as const) expect(Number.isFinite(row.values[id])).toBe(true);
    for (const row of results.memory)
      for (const id of ['ours', 'y-websocket-server'] as const) expect(Number.isFinite(row.values[id])).toBe(true);
    expect(results.client.map((c) => c.label)).toEqual(expect.arrayContaining(['initial JavaScript, gzipped']));
    const tables = report(results);
    expect(tables).toContain('ours ÷ best peer');
    expect(tables).toContain('10-item board fully shown');
    expect(tables).toContain('### Targets');
  }, 300_000);
});
