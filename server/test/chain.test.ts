import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addAction,
  addCard,
  addDangerPair,
  addNetworkPerson,
  addView,
  chairRoomName,
  editCardText,
  readActions,
  readChainPlace,
  readChairState,
  readConferenceDetails,
  readDangerPairs,
  readNetwork,
  readNextSteps,
  readReads,
  readViews,
  setOpenScore,
  updateNextSteps,
  type Author,
} from '../../shared/model/index.js';
import {
  api,
  connectClient,
  createConference,
  joinThroughLobby,
  startServer,
  synced,
  waitFor,
  whoIs,
  type Conference,
  type RunningServer,
} from './harness.js';

let servers: RunningServer[] = [];
const clients: Array<ReturnType<typeof connectClient>> = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.provider.destroy();
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
const MARKER = 'CHAIN-MARKER-3d9e';

function storedBytes(dataDir: string): Buffer {
  return Buffer.concat(
    fs
      .readdirSync(dataDir)
      .filter((f) => f.startsWith('conference-board.sqlite'))
      .map((f) => fs.readFileSync(path.join(dataDir, f))),
  );
}

/** An initial conference with 2 danger statements and scores, a plan of 3 actions and a network, then ended. */
async function endedInitial(s: RunningServer): Promise<Conference & { chair: Author }> {
  const conf = await createConference(s);
  const familyToken = await joinThroughLobby(s, conf, conf.familyToken, 'Magdalena', 'Mum');
  const board = client(s, conf.id, conf.chairToken);
  const family = client(s, conf.id, familyToken);
  await Promise.all([synced(board.provider), synced(family.provider)]);
  const chair = await whoIs(s, conf.id, conf.chairToken);
  const mum = await whoIs(s, conf.id, familyToken);
  // Records sort by when they were added: a millisecond apart each, as people typing are, so each list keeps this order.
  const addedFrom = Date.now();
  const pairs = [
    addDangerPair(board.doc, { danger: `${MARKER} evenings`, goal: 'Meals every day' }, chair, addedFrom),
    addDangerPair(board.doc, { danger: 'Mornings', goal: 'School on time' }, chair, addedFrom + 1),
  ];
  await waitFor(() => readDangerPairs(family.doc).length === 2, 'the statements to reach the family');
  for (const [i, pairId] of pairs.entries()) {
    setOpenScore(board.doc, { pairId, value: 2 + i, nextStep: '' }, chair);
    setOpenScore(family.doc, { pairId, value: 6 + i, nextStep: '' }, mum);
  }
  for (const [i, what] of ['Walk to school', 'Cook tea together', 'Meet the family support worker every Tuesday'].entries())
    addAction(
      board.doc,
      { what, who: 'Mum', byWhen: '2027-01-15', measure: 'Seen by school', pairId: pairs[0] ?? null, children: [] },
      chair,
      addedFrom + 2 + i,
    );
  addNetworkPerson(family.doc, { name: 'Halina', relationship: 'Gran', inSafetyNetwork: true, willDo: 'Stays over on Tuesdays' }, mum);
  updateNextSteps(board.doc, { coreGroup: ['Magdalena (Mum)', 'Amira (Social worker)'] });
  addCard(board.doc, { column: 'strengths', text: `${MARKER} park`, author: chair });
  const watcher = client(s, conf.id, conf.chairToken);
  await waitFor(
    () =>
      readNetwork(watcher.doc).length === 1 && readActions(watcher.doc).length === 3 && readNextSteps(watcher.doc).coreGroup.length === 2,
    'the record to reach the server',
  );
  await waitFor(() => readDangerPairs(watcher.doc).length === 2, 'both statements');
  expect((await api(s, 'POST', `/api/conferences/${conf.id}/lock`, conf.chairToken)).status).toBe(200);
  return { ...conf, chair };
}

async function startReview(s: RunningServer, conf: Conference): Promise<Conference> {
  const res = await api(s, 'POST', `/api/conferences/${conf.id}/reviews`, conf.chairToken);
  expect(res.status).toBe(201);
  return (await res.json()) as Conference;
}

describe('review conferences carry the work forward', () => {
  it('a review has the children, the statements, the plan (progress unset), the network and the previous medians; a review of it has a 3-point trajectory', async () => {
    const s = await server();
    const initial = await endedInitial(s);
    // Not before the meeting ended, and only once.
    const running = await createConference(s);
    expect((await api(s, 'POST', `/api/conferences/${running.id}/reviews`, running.chairToken)).status).toBe(409);
    const review = await startReview(s, initial);
    expect((await api(s, 'POST', `/api/conferences/${initial.id}/reviews`, initial.chairToken)).status).toBe(409);

    const board = client(s, review.id, review.chairToken);
    const chairDoc = client(s, chairRoomName(review.id), review.chairToken);
    await Promise.all([synced(board.provider), synced(chairDoc.provider)]);
    const details = readConferenceDetails(board.doc);
    expect(details).toMatchObject({
      kind: 'review',
      date: '2027-02-23',
      children: [
        { name: 'Zoë', age: 7 },
        { name: 'Ł.K.', age: 4 },
      ],
    });
    expect(readChainPlace(board.doc)).toEqual({ chainStart: '2026-11-23', reviewNumber: 1 });
    // It is prepared first ("no surprises"): the chair opens the meeting.
    expect(readChairState(chairDoc.doc).preparing).toBe(true);
    const pairs = readDangerPairs(board.doc);
    expect(pairs.map((p) => [p.goal, p.origin?.conferenceId, p.history.map((h) => h.median)])).toEqual([
      ['Meals every day', initial.id, [4]],
      ['School on time', initial.id, [5]],
    ]);
    expect(readActions(board.doc).map((a) => [a.what, a.progress, a.pairId === pairs[0]?.id])).toEqual([
      ['Walk to school', null, true],
      ['Cook tea together', null, true],
      ['Meet the family support worker every Tuesday', null, true],
    ]);
    expect(readNetwork(board.doc).map((p) => [p.name, p.willDo])).toEqual([['Halina', 'Stays over on Tuesdays']]);
    expect(readNextSteps(board.doc).coreGroup).toEqual(['Magdalena (Mum)', 'Amira (Social worker)']);
    // Items on the board are not carried: each conference hears what is new.
    expect([...board.doc.getMap('cards').keys()]).toEqual([]);

    // The review is held: opened, scored, ended; its own review shows three points.
    expect((await api(s, 'POST', `/api/conferences/${review.id}/open`, review.chairToken)).status).toBe(200);
    await waitFor(() => !readChairState(chairDoc.doc).preparing, 'the meeting to open');
    const chair = await whoIs(s, review.id, review.chairToken);
    setOpenScore(board.doc, { pairId: pairs[0]?.id ?? '', value: 7, nextStep: '' }, chair);
    const watcher = client(s, review.id, review.chairToken);
    await waitFor(() => watcher.doc.getMap('scores').size === 1, 'the score');
    expect((await api(s, 'POST', `/api/conferences/${review.id}/lock`, review.chairToken)).status).toBe(200);
    const second = await startReview(s, review);
    const third = client(s, second.id, second.chairToken);
    await synced(third.provider);
    expect(readDangerPairs(third.doc)[0]?.history.map((h) => [h.kind, h.median])).toEqual([
      ['initial', 4],
      ['review', 7],
    ]);
    expect(readChainPlace(third.doc)).toEqual({ chainStart: '2026-11-23', reviewNumber: 2 });

    // The chain, from any of its conferences, for anyone let in to one of them.
    const chain = (await (await api(s, 'GET', `/api/conferences/${review.id}/chain`, second.chairToken)).json()) as {
      conferences: Array<{ id: string; kind: string; reviewNumber: number; ended: boolean }>;
    };
    expect(chain.conferences.map((c) => [c.id, c.kind, c.reviewNumber, c.ended])).toEqual([
      [initial.id, 'initial', 0, true],
      [review.id, 'review', 1, true],
      [second.id, 'review', 2, false],
    ]);
    expect((await api(s, 'GET', `/api/conferences/${review.id}/chain`, running.chairToken)).status).toBe(401);

    // The chain survives a kill -9.
    await s.stop('SIGKILL');
    const again = await server({ dataDir: s.dataDir });
    const after = (await (await api(again, 'GET', `/api/conferences/${second.id}/chain`, initial.chairToken)).json()) as {
      conferences: unknown[];
    };
    expect(after.conferences).toHaveLength(3);

    // Deleting the chain leaves no byte of any of its conferences.
    expect(storedBytes(again.dataDir).includes(Buffer.from(MARKER))).toBe(true);
    expect((await api(again, 'DELETE', `/api/conferences/${second.id}/chain`, second.chairToken)).status).toBe(204);
    for (const id of [initial.id, review.id, second.id])
      expect((await api(again, 'GET', `/api/conferences/${id}/me`, initial.chairToken)).status).toBe(404);
    // The purge and the write-ahead log's fold run after the answer: wait for them, however long a loaded machine takes.
    await waitFor(() => !storedBytes(again.dataDir).includes(Buffer.from(MARKER)), 'no byte of the chain left in the database files');
    expect((await api(again, 'GET', `/api/conferences/${running.id}/me`, running.chairToken)).status).toBe(200);
  });

  it('a chain is kept while it goes on: retention counts from its last conference', async () => {
    const s = await server({ env: { RETENTION_DAYS: '0' } });
    const initial = await endedInitial(s);
    const review = await startReview(s, initial);
    await s.stop('SIGTERM');
    const again = await server({ dataDir: s.dataDir, env: { RETENTION_DAYS: '0' } });
    // The initial conference ended long enough ago, but its review is still to come: both kept.
    expect((await api(again, 'GET', `/api/conferences/${initial.id}/me`, initial.chairToken)).status).toBe(200);
    expect((await api(again, 'POST', `/api/conferences/${review.id}/lock`, review.chairToken)).status).toBe(200);
    await again.stop('SIGTERM');
    const third = await server({ dataDir: s.dataDir, env: { RETENTION_DAYS: '0' } });
    for (const c of [initial, review]) expect((await api(third, 'GET', `/api/conferences/${c.id}/me`, c.chairToken)).status).toBe(404);
  });
});

describe('preparing before the meeting ("no surprises")', () => {
  it('the lead drafts, the family reads and adds a view, nothing is confirmed before the chair opens the meeting', async () => {
    const s = await server();
    const res = await api(s, 'POST', '/api/conferences', undefined, {
      kind: 'initial',
      date: '2026-12-04',
      caseReference: 'CP-1',
      chairName: 'Ruth',
      children: [{ name: 'Zoë', age: 7 }],
      preparation: true,
    });
    const conf = (await res.json()) as Conference;
    // The chair names the lead social worker with an invitation of their own.
    const invited = (await (await api(s, 'POST', `/api/conferences/${conf.id}/invitations/lead/reissue`, conf.chairToken)).json()) as {
      role: string;
      token: string;
    };
    expect(invited.role).toBe('lead');
    const leadToken = await joinThroughLobby(s, conf, invited.token, 'Sarah', 'Social worker');
    expect(await (await api(s, 'GET', `/api/conferences/${conf.id}/me`, leadToken)).json()).toMatchObject({
      lead: true,
      role: 'professional',
    });
    const proToken = await joinThroughLobby(s, conf, conf.professionalToken, 'Mr Patel', 'School');
    expect(await (await api(s, 'GET', `/api/conferences/${conf.id}/me`, proToken)).json()).toMatchObject({ lead: false });
    const lead = client(s, conf.id, leadToken);
    const pro = client(s, conf.id, proToken);
    await Promise.all([synced(lead.provider), synced(pro.provider)]);
    const sarah = await whoIs(s, conf.id, leadToken);
    const patel = await whoIs(s, conf.id, proToken);
    const schoolItem = addCard(pro.doc, {
      column: 'danger',
      text: 'Late nine times',
      author: patel,
      source: 'from the school’s report',
    }).id;
    const pairId = addDangerPair(lead.doc, { danger: 'Draft worry', goal: 'Draft goal' }, sarah);
    await waitFor(() => readDangerPairs(pro.doc).length === 1 && lead.doc.getMap('cards').size === 1, 'the drafts');
    // The lead may reword the school's early item while preparing.
    editCardText(lead.doc, schoolItem, 'Late nine times this term (school register)', sarah);
    await waitFor(
      () =>
        (pro.doc.getMap('cards').get(schoolItem) as { get(k: string): unknown }).get('text') ===
        'Late nine times this term (school register)',
      'the lead’s wording',
    );

    // The family opens their link before the meeting, reads, and adds a view.
    const familyToken = await joinThroughLobby(s, conf, conf.familyToken, 'Magdalena', 'Mum');
    const family = client(s, conf.id, familyToken);
    await synced(family.provider);
    const mum = await whoIs(s, conf.id, familyToken);
    addView(family.doc, { target: `dangerPairs/${pairId}`, text: 'This is not right because Gran is there every evening' }, mum);
    await waitFor(() => (readViews(lead.doc)[`dangerPairs/${pairId}`]?.length ?? 0) === 1, 'the view to reach the lead');
    expect(readReads(lead.doc).map((r) => r.who.name)).toEqual(['Magdalena']);

    // Nothing is confirmed and nobody scores before the meeting.
    const chairDoc = client(s, chairRoomName(conf.id), conf.chairToken);
    await synced(chairDoc.provider);
    expect(readChairState(chairDoc.doc).preparing).toBe(true);
    const score = await api(s, 'POST', `/api/conferences/${conf.id}/scores`, familyToken, { pairId, value: 5, nextStep: '' });
    expect(score.status).toBe(403);
    // The chair opens the meeting: what was prepared is there, proposed, ready to confirm.
    expect((await api(s, 'POST', `/api/conferences/${conf.id}/open`, proToken)).status).toBe(403);
    expect((await api(s, 'POST', `/api/conferences/${conf.id}/open`, conf.chairToken)).status).toBe(200);
    expect((await api(s, 'POST', `/api/conferences/${conf.id}/open`, conf.chairToken)).status).toBe(409);
    await waitFor(() => !readChairState(chairDoc.doc).preparing, 'the meeting to open');
    expect(readChairState(chairDoc.doc).confirmed.size).toBe(0);
    expect(readChairState(chairDoc.doc).stage).toBe('introductions');
  });

  it('opened with nobody connected: the next screen to connect finds the meeting open, and its scores are taken', async () => {
    const s = await server();
    const res = await api(s, 'POST', '/api/conferences', undefined, {
      kind: 'initial',
      date: '2026-12-04',
      caseReference: 'CP-2',
      chairName: 'Ruth',
      children: [{ name: 'Zoë', age: 7 }],
      preparation: true,
    });
    const conf = (await res.json()) as Conference;
    // Nobody has either document open: the server loads them, opens the meeting and frees them.
    expect((await api(s, 'POST', `/api/conferences/${conf.id}/open`, conf.chairToken)).status).toBe(200);
    const board = client(s, conf.id, conf.chairToken);
    const chairDoc = client(s, chairRoomName(conf.id), conf.chairToken);
    await Promise.all([synced(board.provider), synced(chairDoc.provider)]);
    expect(readChairState(chairDoc.doc).preparing).toBe(false);
    const chair = await whoIs(s, conf.id, conf.chairToken);
    const pairId = addDangerPair(board.doc, { danger: 'A worry', goal: 'A goal' }, chair);
    setOpenScore(board.doc, { pairId, value: 6, nextStep: '' }, chair);
    const reader = client(s, conf.id, conf.chairToken);
    await waitFor(() => reader.doc.getMap('scores').size === 1, 'the score at another screen');
  });
});
