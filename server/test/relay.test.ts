import { afterEach, describe, expect, it } from 'vitest';
import { addCard, columnCards, moveCard, readBoard, SCHEMA_VERSION } from '../../shared/model/index.js';
import {
  connectClient,
  createConference,
  joinThroughLobby,
  SAMPLE_DETAILS,
  startServer,
  synced,
  tryUpgrade,
  waitFor,
  whoIs,
  type RunningServer,
} from './harness.js';

let servers: RunningServer[] = [];
const clients: Array<ReturnType<typeof connectClient>> = [];

afterEach(async () => {
  for (const c of clients.splice(0)) {
    c.provider.destroy();
    c.doc.destroy();
  }
  await Promise.all(servers.map((s) => s.stop('SIGKILL')));
  servers = [];
});

async function server(dataDir?: string): Promise<RunningServer> {
  const s = await startServer(dataDir ? { dataDir } : {});
  servers.push(s);
  return s;
}

function client(s: RunningServer, room: string, token: string): ReturnType<typeof connectClient> {
  const c = connectClient(s, room, token);
  clients.push(c);
  return c;
}

describe('the relay with stock y-websocket clients', () => {
  it('creates a conference with unguessable ids and tokens', async () => {
    const s = await server();
    const body = (await createConference(s)) as unknown as Record<string, unknown>;
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(body.chairToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.links).toMatchObject({ chair: `/c/${String(body.id)}#token=${String(body.chairToken)}` });
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });

  it('syncs a change and presence between two clients', async () => {
    const s = await server();
    const conf = await createConference(s);
    const a = client(s, conf.id, conf.chairToken);
    const proToken = await joinThroughLobby(s, conf, conf.professionalToken, 'Amira', 'Social worker');
    const b = client(s, conf.id, proToken);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    // The server wrote the initial structure; both clients received it.
    expect(a.doc.getMap('meta').get('schemaVersion')).toBe(SCHEMA_VERSION);

    const amira = await whoIs(s, conf.id, proToken);
    const card = addCard(b.doc, { column: 'strengths', text: 'Gran collects the children every Friday', author: amira });
    await waitFor(() => columnCards(a.doc, 'strengths').length === 1, 'card to reach the second client');
    // The name beside the item is the server's, from the directory of participants.
    expect(columnCards(a.doc, 'strengths')[0]).toMatchObject({ text: 'Gran collects the children every Friday', author: amira });

    moveCard(a.doc, card.id, 'safety', null, await whoIs(s, conf.id, conf.chairToken));
    await waitFor(() => columnCards(b.doc, 'safety').length === 1, 'move to reach the first client');

    // Presence crosses, with the server's word for who it is (the chair), whatever the client said.
    a.provider.awareness.setLocalStateField('user', { name: 'Amira', role: 'Social worker' });
    await waitFor(() => b.provider.awareness.getStates().has(a.doc.clientID), 'presence to cross');
    expect(b.provider.awareness.getStates().get(a.doc.clientID)?.user).toEqual(await whoIs(s, conf.id, conf.chairToken));
  });

  it('refuses a wrong token and an unknown conference before the upgrade', async () => {
    const s = await server();
    const conf = await createConference(s);
    const other = await createConference(s);
    expect(await tryUpgrade(`${s.wsUrl}/${conf.id}?token=${conf.chairToken}`)).toEqual({ status: 101 });
    expect(await tryUpgrade(`${s.wsUrl}/${conf.id}?token=wrong`)).toEqual({ status: 401 });
    expect(await tryUpgrade(`${s.wsUrl}/${conf.id}`)).toEqual({ status: 401 });
    expect(await tryUpgrade(`${s.wsUrl}/${conf.id}?token=${other.chairToken}`)).toEqual({ status: 401 });
    expect(await tryUpgrade(`${s.wsUrl}/AAAAAAAAAAAAAAAAAAAAAA?token=${conf.chairToken}`)).toEqual({ status: 404 });
    expect(await tryUpgrade(`${s.wsUrl}/not-a-room?token=${conf.chairToken}`)).toEqual({ status: 404 });
    expect(await tryUpgrade(`${s.wsUrl}/${conf.id}%2F..?token=${conf.chairToken}`)).toEqual({ status: 404 });
    // The stock client stops retrying when refused, rather than hammering the server.
    const refused = client(s, conf.id, 'wrong');
    await new Promise((r) => setTimeout(r, 500));
    expect(refused.provider.wsconnected).toBe(false);
  });

  it('keeps every change through a kill -9 and a restart on the same data directory', async () => {
    const s = await server();
    const conf = await createConference(s);
    const a = client(s, conf.id, conf.chairToken);
    await synced(a.provider);
    const author = await whoIs(s, conf.id, conf.chairToken);
    const texts = Array.from({ length: 20 }, (_, i) => `Item ${i} ${'é'.repeat(i)}`.trim());
    for (const text of texts) addCard(a.doc, { column: 'danger', text, author });
    const b = client(s, conf.id, await joinThroughLobby(s, conf, conf.professionalToken, 'Amira', 'Social worker'));
    await synced(b.provider);
    await waitFor(() => columnCards(b.doc, 'danger').length === texts.length, 'all items relayed');
    a.provider.destroy();
    b.provider.destroy();

    await s.stop('SIGKILL');
    const again = await server(s.dataDir);
    const c = client(again, conf.id, await joinThroughLobby(again, conf, conf.familyToken, 'Łukasz', 'Dad'));
    await synced(c.provider);
    await waitFor(() => columnCards(c.doc, 'danger').length === texts.length, 'items after restart');
    expect(columnCards(c.doc, 'danger').map((x) => x.text)).toEqual(texts);
    expect(readBoard(c.doc)).toEqual(readBoard(a.doc));
  });
});

describe('presence belongs to its own connection', () => {
  it('closes a connection that claims another participant’s presence, and nobody sees the claim', async () => {
    const { default: WebSocket } = await import('ws');
    const encoding = await import('lib0/encoding');
    const s = await server();
    const conf = await createConference(s);
    const a = client(s, conf.id, conf.chairToken);
    const b = client(s, conf.id, await joinThroughLobby(s, conf, conf.professionalToken, 'Amira', 'Social worker'));
    await Promise.all([synced(a.provider), synced(b.provider)]);
    a.provider.awareness.setLocalStateField('user', { name: 'Ruth' });
    const nameOfA = (): unknown => (b.provider.awareness.getStates().get(a.doc.clientID)?.user as { name?: string } | undefined)?.name;
    // The server's word for who A is: the chair's name as the conference has it.
    await waitFor(() => nameOfA() === SAMPLE_DETAILS.chairName, 'presence of A at B');

    const attackerToken = await joinThroughLobby(s, conf, conf.familyToken, 'Mallory', 'Other');
    const attacker = new WebSocket(`${s.wsUrl}/${conf.id}?token=${attackerToken}`);
    await new Promise((resolve) => attacker.on('open', resolve));
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1);
    encoding.writeVarUint(update, a.doc.clientID);
    encoding.writeVarUint(update, 1000);
    encoding.writeVarString(update, JSON.stringify({ user: { name: 'Mallory pretending to be Ruth' } }));
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, 1);
    encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      attacker.on('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() })),
    );
    attacker.send(encoding.toUint8Array(message));
    expect(await closed).toEqual({ code: 4403, reason: 'presence belongs to another participant' });
    await new Promise((r) => setTimeout(r, 300));
    expect(nameOfA()).toBe(SAMPLE_DETAILS.chairName);
  });
});
