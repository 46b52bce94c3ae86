import { describe, expect, it } from 'vitest';
import { RELAYS } from './relays.js';
import { report, runBench } from './run.js';

// A small-size run of the whole benchmark harness, so that it never rots. It measures nothing worth
// comparing; `npm run bench` does. It checks that every relay ran every part and produced figures.
describe('the benchmark harness (smoke run)', () => {
  it('measures every relay in every section and writes the tables', async () => {
    const lines: string[] = [];
    const results = await runBench({ smoke: true, log: (line) => lines.push(line) });
    for (const relay of RELAYS) {
      const rows = results.latency.filter((r) => r.relay === relay);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.deliveries).toBeGreaterThan(0);
        expect(row.undelivered).toBe(0);
        expect(Number.isFinite(row.p99)).toBe(true);
        // Every repetition of the measured time was measured on its own.
        expect(row.p99ByWindow).toHaveLength(2);
        for (const p99 of row.p99ByWindow) expect(Number.isFinite(p99)).toBe(true);
        expect(row.cpuPercent).not.toBeNull();
        // Our relay checks every update against the rules, and reports what that costs.
        if (relay === 'ours') expect(row.checkMicrosPerUpdate).toBeGreaterThan(0);
      }
      for (const row of results.join.filter((j) => !j.note)) expect(Number.isFinite(row.values[relay])).toBe(true);
      for (const row of results.memory) expect(Number.isFinite(row.values[relay])).toBe(true);
    }
    expect(results.client.map((c) => c.label)).toEqual(expect.arrayContaining(['initial JavaScript, gzipped']));
    const tables = report(results);
    expect(tables).toContain('ours ÷ best peer');
    expect(tables).toContain('first render of a 10-item board');
  }, 240_000);
});
