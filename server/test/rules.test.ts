import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import {
  addCard,
  addDangerPair,
  allCards,
  canonicalRecord,
  chairRoomName,
  conferenceSnapshot,
  editCardText,
  getCard,
  moveCard,
  readChairState,
  readDangerPairs,
  readScores,
  removeCard,
  removeDangerPair,
  setConfirmed,
  setOpenScore,
  setRecommendation,
  shortHash,
  updateSettings,
  type Author,
} from '../../shared/model/index.js';
import { recordHash } from '../api/record.js';
import { buildSummaryPdf } from '../../shared/pdf/summary.js';
import { latinFonts } from '../../shared/pdf/nodeFonts.js';
import { flat, readPdf } from '../../shared/pdf/testing/readBack.js';
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

/**
 * The record can be trusted: every rule checked with real servers, stock y-websocket clients and
 * hand-made Yjs updates, sent with a second participant's own token.
 */
const MARKER = 'FORGED-7c1e';

let s: RunningServer;
let conf: Conference;
let proToken: string;
let familyToken: string;
let chair: ReturnType<typeof connectClient>;
let chairDoc: ReturnType<typeof connectClient>;
/** Another connection to the chair's document: what it sees, the server has applied. */
let chairWatcher: ReturnType<typeof connectClient>;
let bystander: ReturnType<typeof connectClient>;
let me: { chair: Author; pro: Author; family: Author };
let mumsItem: string;
let proItem: string;
let pairId: string;
const clients: Array<ReturnType<typeof connectClient>> = [];

function client(room: string, token: string): ReturnType<typeof connectClient> {
  const c = connectClient(s, room, token);
  clients.push(c);
  return c;
}

// Messages up to 4 MiB, so that a flood of records meets the schema's limits, not the message size limit.
const env = { MAX_MESSAGE_BYTES: String(4 * 1024 * 1024) };

beforeAll(async () => {
  s = await startServer({ env });
  conf = await createConference(s);
  proToken = await joinThroughLobby(s, conf, conf.professionalToken, 'Amira', 'Social worker');
  familyToken = await joinThroughLobby(s, conf, conf.familyToken, 'Magdalena', 'Mum');
  me = {
    chair: await whoIs(s, conf.id, conf.chairToken),
    pro: await whoIs(s, conf.id, proToken),
    family: await whoIs(s, conf.id, familyToken),
  };
  chair = client(conf.id, conf.chairToken);
  chairDoc = client(chairRoomName(conf.id), conf.chairToken);
  chairWatcher = client(chairRoomName(conf.id), familyToken);
  const family = client(conf.id, familyToken);
  const pro = client(conf.id, proToken);
  bystander = client(conf.id, proToken);
  await Promise.all([chair, chairDoc, chairWatcher, family, pro, bystander].map((c) => synced(c.provider)));
  mumsItem = addCard(family.doc, { column: 'strengths', text: 'We go to the park every Sunday', author: me.family }).id;
  proItem = addCard(pro.doc, { column: 'danger', text: 'Zoë was late nine times', author: me.pro }).id;
  pairId = addDangerPair(chair.doc, { danger: 'Ruth is worried that …', goal: 'Mum will …' }, me.chair);
  await waitFor(() => allCards(bystander.doc).length === 2 && readDangerPairs(bystander.doc).length === 1, 'the setup to reach everyone');
});

afterAll(async () => {
  for (const c of clients) c.provider.destroy();
  await s?.stop('SIGKILL');
});

/**
 * A participant connects with a stock client, makes a change on its own copy and sends it, as any
 * Yjs client would. Resolves with how the server closed the connection, or with null once the
 * change was accepted (another connection received it).
 */
async function attempt(token: string, change: (doc: Y.Doc) => void): Promise<{ code: number; reason: string } | null> {
  const c = connectClient(s, conf.id, token);
  try {
    await synced(c.provider);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      c.provider.on('closed', (e: { code: number; reason: string }) => resolve(e)),
    );
    change(c.doc);
    const sent = Y.getState(c.doc.store, c.doc.clientID);
    const relayed = waitFor(() => Y.getState(bystander.doc.store, c.doc.clientID) >= sent, 'the change to be relayed', 30_000).then(() => null);
    return await Promise.race([closed, relayed]);
  } finally {
    c.provider.destroy();
    c.doc.destroy();
  }
}

/** Sends one hand-made update on a raw websocket; resolves with the close. */
async function sendRaw(token: string, update: Uint8Array): Promise<{ code: number; reason: string }> {
  const ws = new WebSocket(`${s.wsUrl}/${conf.id}?token=${token}`);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('error', () => undefined);
  await new Promise((resolve) => ws.on('open', resolve));
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  ws.send(encoding.toUint8Array(e));
  return Promise.race([closed, new Promise<{ code: number; reason: string }>((r) => setTimeout(() => r({ code: 0, reason: 'open' }), 2000))]).finally(
    () => ws.terminate(),
  );
}

function storedBytes(): Buffer {
  return Buffer.concat(
    fs
      .readdirSync(s.dataDir)
      .filter((f) => f.startsWith('conference-board.sqlite'))
      .map((f) => fs.readFileSync(path.join(s.dataDir, f))),
  );
}

/** Nothing of a refused update reached anyone or the store, and the victims' items are as they were. */
async function expectUntouched(): Promise<void> {
  await new Promise((r) => setTimeout(r, 150));
  expect(getCard(bystander.doc, mumsItem)).toMatchObject({ text: 'We go to the park every Sunday', removed: false, column: 'strengths' });
  expect(getCard(bystander.doc, mumsItem)?.author).toEqual(me.family);
  expect(getCard(bystander.doc, proItem)).toMatchObject({ text: 'Zoë was late nine times', removed: false, column: 'danger' });
  expect(allCards(bystander.doc).some((c) => c.text.includes(MARKER))).toBe(false);
  expect(storedBytes().includes(Buffer.from(MARKER))).toBe(false);
  expect(bystander.provider.wsconnected).toBe(true);
}

const refused = (code: string) => ({ code: 4403, reason: expect.stringMatching(new RegExp(`^refused ${code} `)) as unknown as string });

describe('the server checks every change against who may make it', () => {
  it('a new item posted as someone else', async () => {
    expect(await attempt(proToken, (d) => addCard(d, { column: 'danger', text: `${MARKER} by Mum`, author: me.family }))).toEqual(
      refused('as-someone-else'),
    );
    await expectUntouched();
  });

  it("editing, moving and removing another person's item, or changing who wrote it", async () => {
    expect(await attempt(proToken, (d) => editCardText(d, mumsItem, `${MARKER} Mum says…, but the school has never seen this`, me.pro))).toEqual(
      refused('not-yours'),
    );
    expect(await attempt(proToken, (d) => moveCard(d, mumsItem, 'grey', null, me.pro))).toEqual(refused('not-yours'));
    expect(await attempt(familyToken, (d) => removeCard(d, proItem, me.family))).toEqual(refused('not-yours'));
    expect(
      await attempt(proToken, (d) => {
        const m = d.getMap<Y.Map<unknown>>('cards').get(proItem);
        m?.set('addedBy', me.chair.id);
      }),
    ).toEqual(refused('immutable'));
    await expectUntouched();
  });

  it('editing or removing a confirmed item, even by its author', async () => {
    setConfirmed(chairDoc.doc, mumsItem, true);
    await waitFor(() => readChairState(chairWatcher.doc).confirmed.has(mumsItem), 'the confirmation to reach the family');
    expect(await attempt(familyToken, (d) => editCardText(d, mumsItem, `${MARKER} changed after`, me.family))).toEqual(refused('confirmed'));
    expect(await attempt(familyToken, (d) => removeCard(d, mumsItem, me.family))).toEqual(refused('confirmed'));
    expect(await attempt(proToken, (d) => removeCard(d, mumsItem, me.pro))).toEqual(refused('not-yours'));
    await expectUntouched();
  });

  it("writing another person's score, recommendation or dissent", async () => {
    expect(await attempt(proToken, (d) => setOpenScore(d, { pairId, value: 1, nextStep: MARKER }, me.family))).toEqual(refused('as-someone-else'));
    expect(
      await attempt(proToken, (d) => setRecommendation(d, me.family, { recommendation: 'nfa', reason: MARKER, dissent: MARKER })),
    ).toEqual(refused('as-someone-else'));
    // A score under one's own key but with someone else's name.
    expect(await attempt(proToken, (d) => setOpenScore(d, { pairId, value: 1, nextStep: MARKER }, { ...me.pro, name: 'Magdalena' }))).toEqual(
      refused('as-someone-else'),
    );
    expect(readScores(bystander.doc)).toEqual([]);
    await expectUntouched();
  });

  it('writing details, attendance, meta or chair state from the board room', async () => {
    expect(await attempt(proToken, (d) => d.getMap('details').set('caseReference', MARKER))).toEqual(refused('server-only'));
    expect(
      await attempt(proToken, (d) =>
        d.getMap('participants').set('forged-person', { id: 'forged-person', name: MARKER, roleLabel: 'GP', role: 'professional', joinedAt: Date.now() }),
      ),
    ).toEqual(refused('server-only'));
    expect(await attempt(proToken, (d) => d.getMap('meta').set('schemaVersion', 99))).toEqual(refused('server-only'));
    expect(await attempt(proToken, (d) => d.getMap('record').set('apologies', [MARKER]))).toEqual(refused('chair-only'));
    expect(await attempt(proToken, (d) => d.getMap('chair').set('lockedAt', 1))).toEqual(refused('unknown-root'));
    expect(await attempt(proToken, (d) => d.getMap('attendance').set('x', { name: MARKER }))).toEqual(refused('unknown-root'));
    await expectUntouched();
  });

  it('unknown root types, thousands of keys, deep nesting, values of the wrong type, 100,000 characters', async () => {
    expect(await attempt(proToken, (d) => d.getArray('anything').push([MARKER]))).toEqual(refused('unknown-root'));
    expect(
      await attempt(proToken, (d) =>
        d.transact(() => {
          for (let i = 0; i < 3100; i++) addCard(d, { column: 'grey', text: `${i}`, author: me.pro });
        }),
      ),
    ).toEqual(refused('too-many'));
    const onOwnItem = (f: (m: Y.Map<unknown>) => void) => (d: Y.Doc) =>
      d.transact(() => {
        const m = d.getMap<Y.Map<unknown>>('cards').get(proItem) as Y.Map<unknown>;
        f(m);
        m.set('changedBy', me.pro.id);
        m.set('changedAt', Date.now());
      });
    let deep: unknown = MARKER;
    for (let i = 0; i < 3000; i++) deep = [deep];
    const nested = await attempt(proToken, onOwnItem((m) => m.set('children', deep)));
    expect(nested?.code).toBe(4403);
    expect(await attempt(proToken, onOwnItem((m) => m.set('text', 42)))).toEqual(refused('bad-value'));
    expect(await attempt(proToken, onOwnItem((m) => m.set('text', `${MARKER} ${'x'.repeat(100_000)}`)))).toEqual(refused('bad-value'));
    expect(await attempt(proToken, onOwnItem((m) => m.set('colour', MARKER)))).toEqual(refused('unknown-field'));
    await expectUntouched();
  });

  it('content under another person’s Yjs client id (to take the place of their next edit)', async () => {
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(bystander.doc));
    const before = Y.encodeStateVector(forged);
    forged.clientID = chair.doc.clientID;
    addCard(forged, { column: 'grey', text: `${MARKER} under the chair's id`, author: me.pro });
    expect(await sendRaw(proToken, Y.encodeStateAsUpdate(forged, before))).toEqual(refused('foreign-client'));
    // The chair's next edit still arrives.
    addCard(chair.doc, { column: 'safety', text: 'The chair carries on', author: me.chair });
    await waitFor(() => allCards(bystander.doc).some((c) => c.text === 'The chair carries on'), 'the chair’s next edit');
    await expectUntouched();
  });

  it('deeply nested values and then their removal: the conference still stores and relays every later change', async () => {
    // Built by hand, past any client's model: a card whose children field nests 5,000 levels deep.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(bystander.doc));
    const before = Y.encodeStateVector(doc);
    let deep: unknown = MARKER;
    for (let i = 0; i < 5000; i++) deep = { x: deep };
    const m = doc.getMap<Y.Map<unknown>>('cards').get(proItem) as Y.Map<unknown>;
    m.set('children', deep);
    const first = Y.encodeStateAsUpdate(doc, before);
    const result = await sendRaw(proToken, first);
    expect([4400, 4403]).toContain(result.code);
    // Its removal, sent next, refers to content the server never took: refused as well.
    const between = Y.encodeStateVector(doc);
    m.delete('children');
    expect((await sendRaw(proToken, Y.encodeStateAsUpdate(doc, between))).code).toBe(4403);
    // Everyone else carries on, and every later change is stored and relayed.
    const later = addCard(chair.doc, { column: 'safety', text: 'After the attack', author: me.chair });
    await waitFor(() => getCard(bystander.doc, later.id) !== null, 'a later change to be relayed');
    const scores = await api(s, 'POST', `/api/conferences/${conf.id}/scores`, familyToken, { pairId, value: 6, nextStep: '' });
    expect(scores.status).toBe(204);
    await expectUntouched();
  });

  it('family first bypassed over REST and over the websocket', async () => {
    const settings = (): ReturnType<typeof readChairState>['settings'] => readChairState(chairWatcher.doc).settings;
    updateSettings(chairDoc.doc, { familyFirst: true, scoring: 'hidden' });
    await waitFor(() => settings().familyFirst && settings().scoring === 'hidden', 'family first and hidden scoring');
    const rest = await api(s, 'POST', `/api/conferences/${conf.id}/scores`, proToken, { pairId, value: 2, nextStep: MARKER });
    expect(rest.status).toBe(403);
    expect(((await rest.json()) as { code: string }).code).toBe('family-first');
    updateSettings(chairDoc.doc, { scoring: 'open' });
    await waitFor(() => settings().scoring === 'open', 'open scoring');
    expect(await attempt(proToken, (d) => setOpenScore(d, { pairId, value: 2, nextStep: MARKER }, me.pro))).toEqual(refused('family-first'));
    // The family may, and then everyone once the chair says so.
    expect(await attempt(familyToken, (d) => setOpenScore(d, { pairId, value: 7, nextStep: 'Keep going' }, me.family))).toBeNull();
    updateSettings(chairDoc.doc, { familyFirst: false });
    await waitFor(() => !settings().familyFirst, 'everyone may score');
    expect(await attempt(proToken, (d) => setOpenScore(d, { pairId, value: 4, nextStep: 'A month of good mornings' }, me.pro))).toBeNull();
    await waitFor(() => readScores(bystander.doc).length === 2, 'both scores');
    expect(readScores(bystander.doc).map((x) => [x.name, x.value])).toEqual([
      ['Magdalena', 7],
      ['Amira', 4],
    ]);
  });

  it('a danger statement removed by someone who did not write it', async () => {
    expect(await attempt(familyToken, (d) => removeDangerPair(d, pairId, me.family))).toEqual(refused('not-yours'));
    expect(readDangerPairs(bystander.doc)).toHaveLength(1);
  });

  it("the victims' data is intact after a restart", async () => {
    await new Promise((r) => setTimeout(r, 300));
    for (const c of clients.splice(0)) c.provider.destroy();
    await s.stop('SIGKILL');
    s = await startServer({ dataDir: s.dataDir, env });
    const reader = client(conf.id, familyToken);
    await synced(reader.provider);
    expect(getCard(reader.doc, mumsItem)).toMatchObject({ text: 'We go to the park every Sunday', removed: false, author: me.family });
    expect(getCard(reader.doc, proItem)).toMatchObject({ text: 'Zoë was late nine times', removed: false });
    expect(allCards(reader.doc).some((c) => c.text.includes(MARKER))).toBe(false);
    expect(storedBytes().includes(Buffer.from(MARKER))).toBe(false);
    bystander = reader;
  });
});

describe('the sealed record', () => {
  it('ends the meeting with a SHA-256 of the record that a copy can be checked against', async () => {
    expect((await api(s, 'GET', `/api/conferences/${conf.id}/record/verify?hash=${'0'.repeat(64)}`)).status).toBe(409);
    expect((await api(s, 'POST', `/api/conferences/${conf.id}/lock`, conf.chairToken)).status).toBe(200);
    const board = client(conf.id, familyToken);
    const chairOf = client(chairRoomName(conf.id), familyToken);
    await Promise.all([synced(board.provider), synced(chairOf.provider)]);
    await waitFor(() => readChairState(chairOf.doc).sealedHash !== null, 'the seal');
    const sealed = readChairState(chairOf.doc).sealedHash as string;
    // The family's own copy of the record hashes to the sealed hash.
    const copy = canonicalRecord(conferenceSnapshot(board.doc, chairOf.doc));
    expect(recordHash(copy)).toBe(sealed);
    const verify = async (hash: string): Promise<{ matches: boolean }> =>
      (await (await api(s, 'GET', `/api/conferences/${conf.id}/record/verify?hash=${encodeURIComponent(hash)}`)).json()) as { matches: boolean };
    expect(await verify(sealed)).toMatchObject({ matches: true });
    expect(await verify(shortHash(sealed))).toMatchObject({ matches: true });
    // The summary PDF the family takes home prints the record's id and check code on every page,
    // and that code is the sealed one.
    const pages = await readPdf(buildSummaryPdf(conferenceSnapshot(board.doc, chairOf.doc), latinFonts(), { recordId: conf.id }));
    const printed = pages.map((p) => /check code ((?:[0-9a-f]{4} ?){4})/.exec(flat(p.text))?.[1]?.trim());
    expect(printed.every((code) => code === shortHash(sealed))).toBe(true);
    for (const p of pages) expect(flat(p.text)).toContain(`Record ${conf.id}`);
    expect(await verify(printed[0] as string)).toMatchObject({ matches: true });
    // One changed byte of the record gives another hash, which does not match.
    const tampered = copy.replace('We go to the park every Sunday', 'We go to the park every Sundae');
    expect(tampered).not.toBe(copy);
    expect(await verify(recordHash(tampered))).toMatchObject({ matches: false });
    expect((await api(s, 'GET', `/api/conferences/${conf.id}/record/verify?hash=nothex`)).status).toBe(400);
    const audit = (await (await api(s, 'GET', `/api/conferences/${conf.id}/audit`, conf.chairToken)).json()) as {
      entries: Array<{ event: string; detail: string | null }>;
    };
    expect(audit.entries.find((e) => e.event === 'sealed')?.detail).toBe(sealed);
    // Nothing anyone wrote, forged or not, is in the server's log.
    expect(s.output()).not.toContain(MARKER);
    expect(s.output()).not.toContain('We go to the park');
  });
});
