import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDangerPair,
  chairRoomName,
  readChairState,
  readDangerPairs,
  readScores,
  setOpenScore,
  updateSettings,
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

let s: RunningServer;
let conf: Conference;
const clients: Array<ReturnType<typeof connectClient>> = [];

beforeAll(async () => {
  s = await startServer();
  conf = await createConference(s);
});
afterAll(async () => {
  for (const c of clients) c.provider.destroy();
  await s?.stop('SIGKILL');
});

const client = (room: string, token: string): ReturnType<typeof connectClient> => {
  const c = connectClient(s, room, token);
  clients.push(c);
  return c;
};

describe('hidden scoring', () => {
  it('keeps hidden scores out of every document until the chair reveals them together', async () => {
    const proToken = await joinThroughLobby(s, conf, conf.professionalToken, 'Amira', 'Social worker');
    const familyToken = await joinThroughLobby(s, conf, conf.familyToken, 'Zoë', 'Mum');
    const chair = client(conf.id, conf.chairToken);
    const chairDoc = client(chairRoomName(conf.id), conf.chairToken);
    const family = client(conf.id, familyToken);
    const familyChair = client(chairRoomName(conf.id), familyToken);
    await Promise.all([chair, chairDoc, family, familyChair].map((c) => synced(c.provider)));
    const pairId = addDangerPair(chair.doc, { danger: 'Ruth is worried that …', goal: 'Mum will …' }, await whoIs(s, conf.id, conf.chairToken));
    await waitFor(() => family.doc.getMap('dangerPairs').size === 1, 'the danger statement to reach the family');
    updateSettings(chairDoc.doc, { scoring: 'hidden' });
    await waitFor(() => readChairState(familyChair.doc).settings.scoring === 'hidden', 'hidden scoring to reach the family');

    const give = (token: string, value: number, nextStep: string): Promise<Response> =>
      api(s, 'POST', `/api/conferences/${conf.id}/scores`, token, { pairId, value, nextStep });
    expect((await give(proToken, 3, 'SECRET-NEXT-STEP-one more school run')).status).toBe(204);
    expect((await give(familyToken, 7, 'We keep going to the park')).status).toBe(204);
    expect((await give(familyToken, 11, 'too high')).status).toBe(400);
    expect((await give(familyToken, 5, '')).status).toBe(204); // changes the family's own score

    // Nobody can read a value before the reveal: not in any document, not through the API.
    await new Promise((r) => setTimeout(r, 300));
    expect(readScores(family.doc)).toEqual([]);
    expect(readScores(chair.doc)).toEqual([]);
    expect(JSON.stringify(family.doc.toJSON())).not.toContain('SECRET-NEXT-STEP');
    const seenByFamily = (await (await api(s, 'GET', `/api/conferences/${conf.id}/scores/hidden`, familyToken)).json()) as {
      scored: Array<Record<string, unknown>>;
      mine: Array<{ value: number }>;
    };
    expect(seenByFamily.scored.map((x) => x.name).sort()).toEqual(['Amira', 'Zoë']);
    expect(JSON.stringify(seenByFamily.scored)).not.toContain('"value"');
    expect(seenByFamily.mine).toEqual([{ pairId, value: 5, nextStep: '' }]);

    expect((await api(s, 'POST', `/api/conferences/${conf.id}/scores/${pairId}/reveal`, proToken)).status).toBe(403);
    expect((await api(s, 'POST', `/api/conferences/${conf.id}/scores/${pairId}/reveal`, conf.chairToken)).status).toBe(200);
    await waitFor(() => readScores(family.doc).length === 2, 'the scores to be revealed to everyone');
    expect(readScores(family.doc).map((x) => [x.name, x.value])).toEqual([
      ['Zoë', 5],
      ['Amira', 3],
    ]);
    await waitFor(() => readChairState(familyChair.doc).revealed.has(pairId), 'the reveal to be marked');
    // Revealed: the hidden copies are gone from the store.
    const stored = Buffer.concat(fs.readdirSync(s.dataDir).map((f) => fs.readFileSync(path.join(s.dataDir, f))));
    expect((await (await api(s, 'GET', `/api/conferences/${conf.id}/scores/hidden`, conf.chairToken)).json()) as object).toEqual({
      scored: [],
      mine: [],
    });
    expect(stored.length).toBeGreaterThan(0);
  });

  it('open scoring writes straight into the board for everyone to see', async () => {
    const chair = client(conf.id, conf.chairToken);
    const chairDoc = client(chairRoomName(conf.id), conf.chairToken);
    const watcher = client(chairRoomName(conf.id), conf.chairToken);
    await Promise.all([synced(chair.provider), synced(chairDoc.provider), synced(watcher.provider)]);
    updateSettings(chairDoc.doc, { scoring: 'open' });
    // Relayed means stored and applied on the server: from then on its rules see open scoring.
    await waitFor(() => readChairState(watcher.doc).settings.scoring === 'open', 'open scoring to reach the server');
    const me = await whoIs(s, conf.id, conf.chairToken);
    const pairId = addDangerPair(chair.doc, { danger: 'Second worry', goal: 'Second goal' }, me);
    setOpenScore(chair.doc, { pairId, value: 4, nextStep: 'See the plan working for a month' }, me);
    const other = client(conf.id, conf.chairToken);
    await synced(other.provider);
    await waitFor(() => readScores(other.doc).some((x) => x.pairId === pairId && x.value === 4), 'an open score to reach others');
  });

  it('ending the meeting with hidden scores not shown asks first; left out knowingly, the record says so', async () => {
    const ending = await createConference(s);
    const familyToken = await joinThroughLobby(s, ending, ending.familyToken, 'Zoë', 'Mum');
    const board = client(ending.id, ending.chairToken);
    const chairDoc = client(chairRoomName(ending.id), ending.chairToken);
    const reader = client(chairRoomName(ending.id), familyToken);
    const boardReader = client(ending.id, familyToken);
    await Promise.all([board, chairDoc, reader, boardReader].map((c) => synced(c.provider)));
    const pairId = addDangerPair(board.doc, { danger: 'A worry', goal: 'A goal' }, await whoIs(s, ending.id, ending.chairToken));
    updateSettings(chairDoc.doc, { scoring: 'hidden' });
    await waitFor(() => readChairState(reader.doc).settings.scoring === 'hidden', 'hidden scoring');
    await waitFor(() => readDangerPairs(boardReader.doc).length === 1, 'the danger statement to reach the server');
    expect((await api(s, 'POST', `/api/conferences/${ending.id}/scores`, familyToken, { pairId, value: 3, nextStep: '' })).status).toBe(204);

    const asked = await api(s, 'POST', `/api/conferences/${ending.id}/lock`, ending.chairToken, {});
    expect(asked.status).toBe(409);
    expect(await asked.json()).toMatchObject({ code: 'unrevealed-scores', count: 1 });
    expect((await api(s, 'GET', `/api/conferences/${ending.id}/me`, ending.chairToken)).status).toBe(200);
    expect((await api(s, 'POST', `/api/conferences/${ending.id}/lock`, ending.chairToken, { unrevealedScores: 'maybe' })).status).toBe(400);
    expect((await api(s, 'POST', `/api/conferences/${ending.id}/lock`, ending.chairToken, { unrevealedScores: 'leave-out' })).status).toBe(200);
    await waitFor(() => readChairState(reader.doc).sealedHash !== null, 'the sealed record');
    expect(readChairState(reader.doc).scoresLeftOut).toBe(1);
    expect(readScores(board.doc)).toEqual([]);
    const hidden = (await (await api(s, 'GET', `/api/conferences/${ending.id}/scores/hidden`, ending.chairToken)).json()) as { scored: unknown[] };
    expect(hidden.scored).toEqual([]);
    const audit = (await (await api(s, 'GET', `/api/conferences/${ending.id}/audit`, ending.chairToken)).json()) as {
      entries: Array<{ event: string; detail: string | null }>;
    };
    expect(audit.entries.find((e) => e.event === 'scores-left-out')?.detail).toBe('1');
  });
});
