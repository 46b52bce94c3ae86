import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConference, startServer, tryUpgrade, type RunningServer } from './harness.js';

let s: RunningServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(async () => {
  await s?.stop('SIGKILL');
});

/** Opens a websocket with subprotocols and reports the HTTP status and the protocol the server chose. */
function upgradeWithProtocols(url: string, protocols: string[]): Promise<{ status: number; protocol: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, protocols);
    ws.on('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0, protocol: '' });
      ws.terminate();
    });
    ws.on('open', () => {
      resolve({ status: 101, protocol: ws.protocol });
      ws.terminate();
    });
    ws.on('error', () => undefined);
  });
}

describe('the websocket token', () => {
  it('is accepted in the Sec-WebSocket-Protocol header, so it stays out of URLs and access logs', async () => {
    const conf = await createConference(s);
    const url = `${s.wsUrl}/${conf.id}`;
    expect(await upgradeWithProtocols(url, ['conference-board', `cb-token.${conf.chairToken}`])).toEqual({
      status: 101,
      protocol: 'conference-board',
    });
    expect((await upgradeWithProtocols(url, ['conference-board', 'cb-token.wrong'])).status).toBe(401);
    expect((await upgradeWithProtocols(url, ['conference-board'])).status).toBe(401);
    // Stock clients keep sending it in the query.
    expect((await tryUpgrade(`${url}?token=${conf.chairToken}`)).status).toBe(101);
  });
});
