import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, allCards, chairRoomName, columnCards, readChairState } from '../../shared/model/index.js';
import {
  api,
  connectClient,
  createConference,
  joinThroughLobby,
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

async function server(options: Parameters<typeof startServer>[0] = {}): Promise<RunningServer> {
  const s = await startServer(options);
  servers.push(s);
  return s;
}

function client(s: RunningServer, room: string, token: string): ReturnType<typeof connectClient> {
  const c = connectClient(s, room, token);
  clients.push(c);
  return c;
}

const settle = (ms = 400): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Everything the store has on disk: the database file and its write-ahead log. */
function storedBytes(dataDir: string): Buffer {
  return Buffer.concat(
    fs
      .readdirSync(dataDir)
      .filter((f) => f.startsWith('conference-board.sqlite'))
      .map((f) => fs.readFileSync(path.join(dataDir, f))),
  );
}

describe('the lobby and invitations', () => {
  it('keeps people with an invitation or in the lobby away from any content', async () => {
    const s = await server();
    const conf = await createConference(s);
    const asked = await api(s, 'POST', `/api/conferences/${conf.id}/lobby`, conf.familyToken, { name: 'Zoë', roleLabel: 'Mum' });
    expect(asked.status).toBe(201);
    const { token: lobbyToken, participantId } = (await asked.json()) as { token: string; participantId: string };

    for (const token of [conf.professionalToken, conf.familyToken, lobbyToken]) {
      expect(await tryUpgrade(`${s.wsUrl}/${conf.id}?token=${token}`)).toEqual({ status: 403 });
      expect(await tryUpgrade(`${s.wsUrl}/${chairRoomName(conf.id)}?token=${token}`)).toEqual({ status: 403 });
    }
    // A stock client with a lobby token never receives the board.
    const waiting = client(s, conf.id, lobbyToken);
    await settle();
    expect(waiting.provider.synced).toBe(false);
    expect(waiting.doc.getMap('details').size).toBe(0);

    // The chair sees who waits, and lets them in.
    const lobby = (await (await api(s, 'GET', `/api/conferences/${conf.id}/lobby`, conf.chairToken)).json()) as {
      waiting: Array<{ name: string }>;
    };
    expect(lobby.waiting.map((w) => w.name)).toEqual(['Zoë']);
    expect((await api(s, 'GET', `/api/conferences/${conf.id}/lobby`, lobbyToken)).status).toBe(403);
    expect((await api(s, 'POST', `/api/conferences/${conf.id}/lobby/${participantId}/admit`, conf.professionalToken)).status).toBe(403);
    const me = await api(s, 'GET', `/api/conferences/${conf.id}/me`, lobbyToken);
    expect(await me.json()).toMatchObject({ kind: 'lobby', role: 'family', name: 'Zoë' });

    expect((await api(s, 'POST', `/api/conferences/${conf.id}/lobby/${participantId}/admit`, conf.chairToken)).status).toBe(204);
    expect(await tryUpgrade(`${s.wsUrl}/${conf.id}?token=${lobbyToken}`)).toEqual({ status: 101 });
    const admitted = client(s, conf.id, lobbyToken);
    await synced(admitted.provider);
    expect(admitted.doc.getMap('details').get('caseReference')).toBe('CP-2026-0147');
  });

  it('declines, auto-admits, and refuses revoked invitations', async () => {
    const s = await server();
    const conf = await createConference(s);
    const asked = (await (
      await api(s, 'POST', `/api/conferences/${conf.id}/lobby`, conf.professionalToken, { name: 'PC Jones', roleLabel: 'Police' })
    ).json()) as {
      token: string;
      participantId: string;
    };
    expect((await api(s, 'POST', `/api/conferences/${conf.id}/lobby/${asked.participantId}/decline`, conf.chairToken)).status).toBe(204);
    expect(await tryUpgrade(`${s.wsUrl}/${conf.id}?token=${asked.token}`)).toEqual({ status: 403 });
    expect(await (await api(s, 'GET', `/api/conferences/${conf.id}/me`, asked.token)).json()).toMatchObject({ kind: 'declined' });

    // Bad input to the lobby is refused with a message.
    const noName = await api(s, 'POST', `/api/conferences/${conf.id}/lobby`, conf.professionalToken, { name: ' ', roleLabel: 'School' });
    expect(noName.status).toBe(400);
    expect(((await noName.json()) as { error: string }).error).toMatch(/name/);

    expect((await api(s, 'PUT', `/api/conferences/${conf.id}/settings`, conf.chairToken, { autoAdmit: true })).status).toBe(204);
    const auto = (await (
      await api(s, 'POST', `/api/conferences/${conf.id}/lobby`, conf.professionalToken, { name: 'Mrs Ng', roleLabel: 'School' })
    ).json()) as {
      token: string;
      kind: string;
    };
    expect(auto.kind).toBe('participant');
    expect(await tryUpgrade(`${s.wsUrl}/${conf.id}?token=${auto.token}`)).toEqual({ status: 101 });

    expect((await api(s, 'POST', `/api/conferences/${conf.id}/invitations/professional/revoke`, conf.chairToken)).status).toBe(204);
    expect(
      (await api(s, 'POST', `/api/conferences/${conf.id}/lobby`, conf.professionalToken, { name: 'Late', roleLabel: 'GP' })).status,
    ).toBe(401);
    expect((await api(s, 'GET', `/api/conferences/${conf.id}/me`, conf.professionalToken)).status).toBe(401);
    // People already let in keep their place.
    expect(await tryUpgrade(`${s.wsUrl}/${conf.id}?token=${auto.token}`)).toEqual({ status: 101 });

    const reissued = (await (await api(s, 'POST', `/api/conferences/${conf.id}/invitations/family/reissue`, conf.chairToken)).json()) as {
      token: string;
      link: string;
    };
    expect(reissued.link).toContain(reissued.token);
    expect(
      (await api(s, 'POST', `/api/conferences/${conf.id}/lobby`, conf.familyToken, { name: 'Old link', roleLabel: 'Mum' })).status,
    ).toBe(401);
    expect((await api(s, 'POST', `/api/conferences/${conf.id}/lobby`, reissued.token, { name: 'New link', roleLabel: 'Mum' })).status).toBe(
      201,
    );
  });
});

describe('rights the relay enforces', () => {
  it('refuses tokens of another conference and odd room names before the upgrade', async () => {
    const s = await server();
    const a = await createConference(s);
    const b = await createConference(s);
    const cases: Array<[string, number]> = [
      [`${s.wsUrl}/${b.id}?token=${a.chairToken}`, 401],
      [`${s.wsUrl}/${chairRoomName(b.id)}?token=${a.chairToken}`, 401],
      [`${s.wsUrl}/${b.id}%2Fchair?token=${a.chairToken}`, 401],
      [`${s.wsUrl}/${a.id}%3Fx?token=${a.chairToken}`, 404],
      [`${s.wsUrl}/${a.id}/?token=${a.chairToken}`, 404],
      [`${s.wsUrl}/${a.id}/other?token=${a.chairToken}`, 404],
      [`${s.wsUrl}/${a.id}/chair/x?token=${a.chairToken}`, 404],
      [`${s.wsUrl}/?token=${a.chairToken}`, 404],
      [`${s.wsUrl}/${a.id}?token=`, 401],
      [`${s.wsUrl}/${a.id}?token=${a.chairToken}x`, 401],
      [`${s.wsUrl}/${a.id}?token=${a.chairToken}&token=${b.chairToken}`, 401],
    ];
    for (const [url, status] of cases) expect({ url, ...(await tryUpgrade(url)) }).toEqual({ url, status });
    expect(await tryUpgrade(`${s.wsUrl}/${a.id}?token=${a.chairToken}`)).toEqual({ status: 101 });
    expect(await tryUpgrade(`${s.wsUrl}/${chairRoomName(a.id)}?token=${a.chairToken}`)).toEqual({ status: 101 });
  });

  it('lets everyone let in write the board, and only the chair write the chair document', async () => {
    const s = await server();
    const conf = await createConference(s);
    const proToken = await joinThroughLobby(s, conf, conf.professionalToken, 'Amira', 'Social worker');
    const familyToken = await joinThroughLobby(s, conf, conf.familyToken, 'Şükrü', 'Dad');
    const chairBoard = client(s, conf.id, conf.chairToken);
    const familyBoard = client(s, conf.id, familyToken);
    const chairDoc = client(s, chairRoomName(conf.id), conf.chairToken);
    const proChair = client(s, chairRoomName(conf.id), proToken);
    const familyChair = client(s, chairRoomName(conf.id), familyToken);
    await Promise.all([chairBoard, familyBoard, chairDoc, proChair, familyChair].map((c) => synced(c.provider)));

    addCard(familyBoard.doc, { column: 'strengths', text: 'We go to the park every Sunday', author: await whoIs(s, conf.id, familyToken) });
    await waitFor(() => columnCards(chairBoard.doc, 'strengths').length === 1, 'family item to reach the chair');

    // A professional and a family member try to write chair-only state: nobody sees it.
    proChair.doc.getMap('chair').set('stage', 'decision');
    proChair.doc.getMap('chair').set('intruder', 'professional');
    familyChair.doc.getMap('chair').set('lockedAt', 1);
    chairDoc.doc.getMap('chair').set('stage', 'board');
    await waitFor(
      () => proChair.doc.getMap('chair').get('stage') !== undefined && familyChair.doc.getMap('chair').get('lockedAt') !== undefined,
      'local writes',
    );
    await settle();
    expect(chairDoc.doc.getMap('chair').get('stage')).toBe('board');
    expect(chairDoc.doc.getMap('chair').get('lockedAt')).toBeUndefined();
    expect(chairDoc.doc.getMap('chair').get('intruder')).toBeUndefined();

    // And it is not stored: a fresh reader after a restart sees only the chair's write.
    for (const c of clients.splice(0)) c.provider.destroy();
    await s.stop('SIGKILL');
    const again = await server({ dataDir: s.dataDir });
    const reader = client(again, chairRoomName(conf.id), familyToken);
    await synced(reader.provider);
    expect(reader.doc.getMap('chair').get('stage')).toBe('board');
    expect(reader.doc.getMap('chair').get('lockedAt')).toBeUndefined();
    expect(reader.doc.getMap('chair').get('intruder')).toBeUndefined();
    const board = client(again, conf.id, familyToken);
    await synced(board.provider);
    expect(columnCards(board.doc, 'strengths').map((c) => c.text)).toEqual(['We go to the park every Sunday']);
  });

  it('after the chair ends the meeting, nobody’s writes are stored or relayed', async () => {
    const s = await server();
    const conf = await createConference(s);
    const proToken = await joinThroughLobby(s, conf, conf.professionalToken, 'Amira', 'Social worker');
    const chair = client(s, conf.id, conf.chairToken);
    const pro = client(s, conf.id, proToken);
    const proChairDoc = client(s, chairRoomName(conf.id), proToken);
    await Promise.all([chair, pro, proChairDoc].map((c) => synced(c.provider)));
    const proAuthor = await whoIs(s, conf.id, proToken);
    const chairAuthor = await whoIs(s, conf.id, conf.chairToken);
    addCard(pro.doc, { column: 'danger', text: 'Before the end', author: proAuthor });
    await waitFor(() => columnCards(chair.doc, 'danger').length === 1, 'item before lock');

    expect((await api(s, 'POST', `/api/conferences/${conf.id}/lock`, proToken)).status).toBe(403);
    expect((await api(s, 'POST', `/api/conferences/${conf.id}/lock`, conf.chairToken)).status).toBe(200);
    await waitFor(() => readChairState(proChairDoc.doc).lockedAt !== null, 'everyone to hear the meeting ended');

    addCard(pro.doc, { column: 'danger', text: 'After the end (professional)', author: proAuthor });
    addCard(chair.doc, { column: 'safety', text: 'After the end (chair)', author: chairAuthor });
    await settle();
    expect(columnCards(chair.doc, 'danger').map((c) => c.text)).toEqual(['Before the end']);
    expect(columnCards(pro.doc, 'safety')).toHaveLength(0);
    // Nobody new can ask to join a meeting that has ended: the invitations no longer work.
    expect((await api(s, 'POST', `/api/conferences/${conf.id}/lobby`, conf.familyToken, { name: 'Late', roleLabel: 'Mum' })).status).toBe(
      410,
    );
    expect((await api(s, 'GET', `/api/conferences/${conf.id}/me`, conf.professionalToken)).status).toBe(410);

    const fresh = client(s, conf.id, conf.chairToken);
    await synced(fresh.provider);
    expect(allCards(fresh.doc).map((c) => c.text)).toEqual(['Before the end']);
    expect(storedBytes(s.dataDir).includes(Buffer.from('After the end'))).toBe(false);
  });
});

describe('purge, logs and the audit trail', () => {
  it('purges every stored byte, closes connections with a message, and never logs content', async () => {
    const s = await server();
    const conf = await createConference(s);
    const other = await createConference(s);
    const marker = `MARKER-${Math.random().toString(36).slice(2)}-Nguyễn`;
    const proToken = await joinThroughLobby(s, conf, conf.professionalToken, 'Amira', 'Social worker');
    const chair = client(s, conf.id, conf.chairToken);
    const pro = client(s, conf.id, proToken);
    const bystander = client(s, other.id, other.chairToken);
    await Promise.all([chair, pro, bystander].map((c) => synced(c.provider)));
    const proAuthor = await whoIs(s, conf.id, proToken);
    for (let i = 0; i < 30; i++) addCard(pro.doc, { column: 'grey', text: `${marker} ${i}`, author: proAuthor });
    addCard(bystander.doc, { column: 'grey', text: 'other conference item', author: await whoIs(s, other.id, other.chairToken) });
    await waitFor(() => columnCards(chair.doc, 'grey').length === 30, 'items to reach the chair');
    await settle();
    expect(storedBytes(s.dataDir).includes(Buffer.from(marker))).toBe(true);

    expect((await api(s, 'DELETE', `/api/conferences/${conf.id}`, conf.chairToken)).status).toBe(409);
    expect((await api(s, 'POST', `/api/conferences/${conf.id}/lock`, conf.chairToken)).status).toBe(200);

    const audit = (await (await api(s, 'GET', `/api/conferences/${conf.id}/audit`, conf.chairToken)).json()) as {
      entries: Array<{ event: string; name: string | null }>;
    };
    expect(audit.entries.map((e) => e.event)).toEqual(expect.arrayContaining(['created', 'asked-to-join', 'admitted', 'joined', 'locked']));
    expect(JSON.stringify(audit)).not.toContain(marker);
    expect((await api(s, 'GET', `/api/conferences/${conf.id}/audit`, proToken)).status).toBe(403);

    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      pro.provider.on('closed', (e: { code: number; reason: string }) => resolve(e)),
    );
    expect((await api(s, 'DELETE', `/api/conferences/${conf.id}`, proToken)).status).toBe(403);
    expect((await api(s, 'DELETE', `/api/conferences/${conf.id}`, conf.chairToken)).status).toBe(204);
    expect(await closed).toEqual({ code: 4410, reason: 'This conference has been deleted.' });
    await settle();

    expect(storedBytes(s.dataDir).includes(Buffer.from(marker))).toBe(false);
    expect(storedBytes(s.dataDir).includes(Buffer.from('Amira'))).toBe(false);
    expect(await tryUpgrade(`${s.wsUrl}/${conf.id}?token=${conf.chairToken}`)).toEqual({ status: 404 });
    expect((await api(s, 'GET', `/api/conferences/${conf.id}/me`, conf.chairToken)).status).toBe(404);
    // Another conference is untouched.
    expect(columnCards(bystander.doc, 'grey').map((c) => c.text)).toEqual(['other conference item']);
    expect(storedBytes(s.dataDir).includes(Buffer.from('other conference item'))).toBe(true);

    // The logs carry ids, roles and events, never what anyone wrote or their names.
    const log = s.output();
    expect(log).toContain('conference.purged');
    expect(log).not.toContain(marker);
    expect(log).not.toContain('MARKER');
    expect(log).not.toContain('Amira');
    expect(log).not.toContain(conf.chairToken);
    expect(log).not.toContain('CP-2026-0147');
  });

  it('purges locked conferences automatically after the retention period', async () => {
    const s = await server({ env: { RETENTION_DAYS: '0' } });
    const conf = await createConference(s);
    expect((await api(s, 'POST', `/api/conferences/${conf.id}/lock`, conf.chairToken)).status).toBe(200);
    const running = await createConference(s);
    await s.stop('SIGTERM');
    // The retention check runs at start-up (and hourly).
    const again = await server({ dataDir: s.dataDir, env: { RETENTION_DAYS: '0' } });
    expect((await api(again, 'GET', `/api/conferences/${conf.id}/me`, conf.chairToken)).status).toBe(404);
    expect((await api(again, 'GET', `/api/conferences/${running.id}/me`, running.chairToken)).status).toBe(200);
  });

  it('limits conference creation and token checks per address', async () => {
    const s = await server({ env: { RATE_LIMIT_CREATE_PER_MINUTE: '3', RATE_LIMIT_TOKEN_CHECKS_PER_MINUTE: '5' } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await api(s, 'POST', '/api/conferences', undefined, { kind: 'nope' })).status);
    expect(statuses).toEqual([400, 400, 400, 429]);
    const ups: number[] = [];
    for (let i = 0; i < 7; i++) ups.push((await tryUpgrade(`${s.wsUrl}/AAAAAAAAAAAAAAAAAAAAAA?token=guess${i}`)).status);
    expect(ups.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
    expect(ups.slice(5)).toEqual([429, 429]);
  });
});

describe('creating a conference', () => {
  it('refuses bad details with a message that says what to fix', async () => {
    const s = await server();
    const bad = async (details: Record<string, unknown>): Promise<string> => {
      const res = await api(s, 'POST', '/api/conferences', undefined, details);
      expect(res.status).toBe(400);
      return ((await res.json()) as { error: string }).error;
    };
    const good = { kind: 'review', date: '2026-11-23', caseReference: 'X1', chairName: 'Ruth', children: [{ name: 'A', age: 3 }] };
    expect(await bad({ ...good, kind: 'other' })).toMatch(/kind of conference/);
    expect(await bad({ ...good, date: '2026-02-30' })).toMatch(/real day/);
    expect(await bad({ ...good, children: [] })).toMatch(/at least one child/);
    expect(await bad({ ...good, children: [{ name: 'A', age: 19 }] })).toMatch(/0 to 18/);
    expect(await bad({ ...good, chairName: '' })).toMatch(/chair/);
    const created = await createConference(s, good);
    const doc = new Y.Doc();
    const c = client(s, created.id, created.chairToken);
    await synced(c.provider);
    expect(c.doc.getMap('details').toJSON()).toEqual(good);
    doc.destroy();
  });
});
