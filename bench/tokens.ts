/**
 * `npm run bench:tokens`: how long a token check takes when a conference's lobby holds thousands
 * of entries (someone with the QR'd invitation asking to join again and again), and how many lobby
 * requests out of a flood get through. Prints the figures; docs/benchmarks.md quotes them.
 */
import { api, createConference, startServer } from '../server/test/harness.js';

const ENTRIES = Number(process.env.ENTRIES ?? 2400);
const CHECKS = 300;
const FLOOD = 5000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function timeChecks(server: Awaited<ReturnType<typeof startServer>>, id: string, token: string): Promise<string> {
  const times: number[] = [];
  for (let i = 0; i < CHECKS; i++) {
    const started = performance.now();
    const res = await api(server, 'GET', `/api/conferences/${id}/me`, token);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`check failed: ${res.status}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return `p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms`;
}

// 1. Token checks with ENTRIES people in the lobby (the per-invitation limit raised to let them in).
{
  const server = await startServer({ env: { RATE_LIMIT_LOBBY_PER_INVITATION: '1000000' } });
  try {
    const conf = await createConference(server);
    process.stdout.write(`token check, empty lobby: ${await timeChecks(server, conf.id, conf.chairToken)}\n`);
    for (let i = 0; i < ENTRIES; i++) {
      const res = await api(server, 'POST', `/api/conferences/${conf.id}/lobby`, conf.familyToken, {
        name: `Person ${i}`,
        roleLabel: 'Aunt',
      });
      if (res.status !== 201) throw new Error(`lobby request ${i}: ${res.status}`);
    }
    process.stdout.write(`token check, ${ENTRIES} in the lobby: ${await timeChecks(server, conf.id, conf.chairToken)}\n`);
  } finally {
    await server.stop('SIGKILL');
  }
}

// 2. A flood of lobby requests with one invitation, at the default limits.
{
  const server = await startServer({ env: { RATE_LIMIT_LOBBY_PER_INVITATION: '', RATE_LIMIT_TOKEN_CHECKS_PER_MINUTE: '' } });
  try {
    const conf = await createConference(server);
    let admitted = 0;
    const statuses = new Map<number, number>();
    for (let i = 0; i < FLOOD; i++) {
      const res = await api(server, 'POST', `/api/conferences/${conf.id}/lobby`, conf.familyToken, {
        name: `Flood ${i}`,
        roleLabel: 'Aunt',
      });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status === 201) admitted++;
    }
    process.stdout.write(
      `lobby flood: ${admitted} of ${FLOOD} requests got through (${[...statuses].map(([s, n]) => `${n}× ${s}`).join(', ')})\n`,
    );
    process.stdout.write(`token check after the flood: ${await timeChecks(server, conf.id, conf.chairToken)}\n`);
  } finally {
    await server.stop('SIGKILL');
  }
}
