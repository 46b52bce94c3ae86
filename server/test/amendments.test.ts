import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import {
  addAction,
  addCard,
  addDangerPair,
  amendmentDeadline,
  chairRoomName,
  editCardText,
  getCard,
  readActions,
  readChairState,
  recordDecision,
  setConfirmed,
  shortHash,
  snapshotOfStates,
  type Author,
} from '../../shared/model/index.js';
import { buildSummaryPdf } from '../../shared/pdf/summary.js';
import { latinFonts } from '../../shared/pdf/nodeFonts.js';
import { flat, readPdf } from '../../shared/pdf/testing/readBack.js';
import { PLAN_CSV_COLUMNS } from '../api/exports.js';
import { Database } from '../store/sqlite-driver.js';
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

const ROOT = path.resolve(import.meta.dirname, '../..');
const DAY_MS = 24 * 60 * 60 * 1000;
const CONTACT = 'the Child Protection Conference Service, cpconferences@example.gov.uk';
const ENV = { AMENDMENTS_CONTACT: CONTACT, RETENTION_DAYS: '365' };

let s: RunningServer;
let conf: Conference;
let familyToken: string;
let proToken: string;
const me: Record<'chair' | 'family' | 'pro', Author> = {} as Record<'chair' | 'family' | 'pro', Author>;
const clients: Array<ReturnType<typeof connectClient>> = [];
let mumsItem: string;
const WRONG = 'I walk her every day, not most days. AMEND-MARKER-71c';

function client(room: string, token: string): ReturnType<typeof connectClient> {
  const c = connectClient(s, room, token);
  clients.push(c);
  return c;
}
const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;

/** The PDF of a published version, made as any screen makes it: from the version's stored documents. */
async function versionPdf(n: number, token: string): Promise<Uint8Array> {
  const res = await api(s, 'GET', `/api/conferences/${conf.id}/versions/${n}`, token);
  expect(res.status).toBe(200);
  const v = await json<{ board: string; chair: string }>(res);
  const snapshot = snapshotOfStates(Buffer.from(v.board, 'base64'), Buffer.from(v.chair, 'base64'));
  return buildSummaryPdf(snapshot, latinFonts(), { recordId: conf.id });
}

const validate = (() => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(fs.readFileSync(path.join(ROOT, 'docs/record.schema.json'), 'utf8')) as object);
})();

beforeAll(async () => {
  s = await startServer({ env: ENV });
  conf = await createConference(s);
  familyToken = await joinThroughLobby(s, conf, conf.familyToken, 'Amira', 'Mum');
  proToken = await joinThroughLobby(s, conf, conf.professionalToken, 'Magdalena', 'School');
  me.chair = await whoIs(s, conf.id, conf.chairToken);
  me.family = await whoIs(s, conf.id, familyToken);
  me.pro = await whoIs(s, conf.id, proToken);
  const family = client(conf.id, familyToken);
  const pro = client(conf.id, proToken);
  const chair = client(conf.id, conf.chairToken);
  const chairDoc = client(chairRoomName(conf.id), conf.chairToken);
  await Promise.all([family, pro, chair, chairDoc].map((c) => synced(c.provider)));
  mumsItem = addCard(family.doc, { column: 'strengths', text: 'Mum walks Zoë to school most days', author: me.family }).id;
  const pair = addDangerPair(chair.doc, { danger: 'Zoë could be hurt if Dad drinks', goal: 'Zoë is safe at home' }, me.chair);
  // Text a spreadsheet would run as a formula, from a professional's keyboard.
  addAction(
    pro.doc,
    {
      what: '=HYPERLINK("http://evil.example","Click")',
      who: '+44 7700 900123',
      byWhen: '2026-12-15',
      measure: '@SUM(A1:A2)',
      pairId: pair,
      children: [0],
    },
    me.pro,
  );
  addAction(
    pro.doc,
    {
      what: 'School checks in with Zoë, "daily", at 9',
      who: 'School, Ms K',
      byWhen: '',
      measure: '-1 late days each week',
      pairId: null,
      children: [],
    },
    me.pro,
  );
  await waitFor(() => getCard(chair.doc, mumsItem) !== null, 'the item at the chair');
  setConfirmed(chairDoc.doc, mumsItem, true);
  recordDecision(chairDoc.doc, { outcome: 'cp', categories: ['Neglect'], rationale: 'Zoë is not yet safe enough at home.' });
  await waitFor(
    () => readChairState(chairDoc.doc).decision.outcome === 'cp' && readChairState(chairDoc.doc).confirmed.has(mumsItem),
    'the chair’s document',
  );
  // Stored and relayed, as another screen sees them, before the meeting ends.
  const watcher = await chairDocOf(conf.chairToken);
  await waitFor(
    () => readChairState(watcher).confirmed.has(mumsItem) && readChairState(watcher).decision.outcome === 'cp',
    'the decision at another screen',
  );
  const board = await boardOf(conf.chairToken);
  await waitFor(() => readActions(board).length === 2, 'both actions at another screen');
});

afterAll(async () => {
  for (const c of clients.splice(0)) c.provider.destroy();
  await s?.stop('SIGKILL');
});

describe('a record the case system can take', () => {
  it('before the end: the chair takes a draft; nobody else takes anything', async () => {
    expect((await api(s, 'GET', `/api/conferences/${conf.id}/record.json`, familyToken)).status).toBe(409);
    expect((await api(s, 'GET', `/api/conferences/${conf.id}/amendments`, familyToken)).status).toBe(409);
    const draft = await json<Record<string, unknown>>(await api(s, 'GET', `/api/conferences/${conf.id}/record.json`, conf.chairToken));
    expect(validate(draft), JSON.stringify(validate.errors)).toBe(true);
    expect(draft).toMatchObject({ draft: true, version: null, hash: null });
  });

  it('after the end: the JSON validates against docs/record.schema.json and holds the record', async () => {
    expect((await api(s, 'POST', `/api/conferences/${conf.id}/lock`, conf.chairToken)).status).toBe(200);
    const res = await api(s, 'GET', `/api/conferences/${conf.id}/record.json`, familyToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('conference-record-2026-11-23-initial.json');
    const record = await json<Record<string, unknown> & { items: Array<{ text: string; status: string }>; plan: unknown[]; hash: string }>(
      res,
    );
    expect(validate(record), JSON.stringify(validate.errors)).toBe(true);
    expect(record).toMatchObject({ schemaVersion: 1, conferenceId: conf.id, draft: false, version: 1 });
    expect(record.items).toEqual([expect.objectContaining({ text: 'Mum walks Zoë to school most days', status: 'confirmed' })]);
    expect(record.plan).toHaveLength(2);
    expect(record).toMatchObject({
      decision: { outcome: 'cp', categories: ['Neglect'], rationale: 'Zoë is not yet safe enough at home.' },
      attendance: expect.arrayContaining([expect.objectContaining({ name: 'Amira', roleLabel: 'Mum', role: 'family' })]),
      children: [
        { name: 'Zoë', age: 7 },
        { name: 'Ł.K.', age: 4 },
      ],
    });
    const chair = await json<{ versions: Array<{ hash: string }> }>(
      await api(s, 'GET', `/api/conferences/${conf.id}/versions`, familyToken),
    );
    expect(record.hash).toBe(chair.versions[0]?.hash);
  });

  it('the plan as CSV: RFC 4180, parsed back by a CSV parser, formula-looking cells neutralised', async () => {
    const res = await api(s, 'GET', `/api/conferences/${conf.id}/plan.csv`, proToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await res.text();
    expect(text.split('\r\n').length).toBeGreaterThanOrEqual(3);
    const rows = parse(text, { bom: true, relax_column_count: false }) as string[][];
    expect(rows[0]).toEqual([...PLAN_CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    const first = rows.find((r) => r[0]?.includes('HYPERLINK')) as string[];
    const second = rows.find((r) => r[0]?.startsWith('School checks')) as string[];
    expect(first.slice(0, 4)).toEqual(['\'=HYPERLINK("http://evil.example","Click")', "'+44 7700 900123", '2026-12-15', "'@SUM(A1:A2)"]);
    expect(first[4]).toBe('1');
    expect(first[5]).toBe('Zoë');
    expect(second.slice(0, 4)).toEqual(['School checks in with Zoë, "daily", at 9', 'School, Ms K', '', "'-1 late days each week"]);
    // No cell a spreadsheet would take as a formula.
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('asking for changes, answering, and versions', () => {
  let v1Pdf: Uint8Array;
  let v1Hash: string;
  let requestId: string;

  it('anyone let in may ask before the deadline; each sees their own requests, the chair sees all', async () => {
    const open = await json<{ deadline: string; open: boolean; parts: Array<{ key: string }>; requests: unknown[]; writeTo: string }>(
      await api(s, 'GET', `/api/conferences/${conf.id}/amendments`, familyToken),
    );
    const lockedAt = readChairState(await chairDocOf(familyToken)).lockedAt as number;
    expect(open).toMatchObject({ open: true, deadline: amendmentDeadline(lockedAt), requests: [], writeTo: CONTACT });
    expect(open.parts.map((p) => p.key)).toContain(`cards/${mumsItem}`);

    expect(
      (await api(s, 'POST', `/api/conferences/${conf.id}/amendments`, familyToken, { part: 'cards/notapart00', wrong: 'x' })).status,
    ).toBe(400);
    expect(
      (await api(s, 'POST', `/api/conferences/${conf.id}/amendments`, familyToken, { part: `cards/${mumsItem}`, wrong: '  ' })).status,
    ).toBe(400);
    const asked = await api(s, 'POST', `/api/conferences/${conf.id}/amendments`, familyToken, {
      part: `cards/${mumsItem}`,
      wrong: WRONG,
      shouldSay: 'Mum walks Zoë to school every day',
    });
    expect(asked.status).toBe(201);
    const request = await json<{ id: string; status: string; name: string; askedAt: number; quoted: string }>(asked);
    expect(request).toMatchObject({ status: 'waiting', name: 'Amira', quoted: 'Mum walks Zoë to school most days' });
    requestId = request.id;

    const mine = await json<{ requests: unknown[] }>(await api(s, 'GET', `/api/conferences/${conf.id}/amendments`, familyToken));
    const others = await json<{ requests: unknown[] }>(await api(s, 'GET', `/api/conferences/${conf.id}/amendments`, proToken));
    const all = await json<{ requests: unknown[] }>(await api(s, 'GET', `/api/conferences/${conf.id}/amendments`, conf.chairToken));
    expect([mine.requests.length, others.requests.length, all.requests.length]).toEqual([1, 0, 1]);
  });

  it('only the chair answers; the chair cannot change the ended record before accepting a request', async () => {
    expect((await api(s, 'POST', `/api/conferences/${conf.id}/amendments/${requestId}/accept`, familyToken, {})).status).toBe(403);
    expect((await api(s, 'POST', `/api/conferences/${conf.id}/versions`, proToken, {})).status).toBe(403);
    expect((await api(s, 'POST', `/api/conferences/${conf.id}/versions`, conf.chairToken, {})).status).toBe(409);
    const chair = client(conf.id, conf.chairToken);
    await synced(chair.provider);
    editCardText(chair.doc, mumsItem, 'Changed without a request', me.chair);
    await new Promise((r) => setTimeout(r, 400));
    expect(getCard(await boardOf(familyToken), mumsItem)?.text).toBe('Mum walks Zoë to school most days');
    chair.provider.destroy();
  });

  it('accepted: the chair amends the record (nobody else can), publishes version 2 with its own hash; version 1 stays byte for byte', async () => {
    const versions = await json<{ versions: Array<{ version: number; hash: string }> }>(
      await api(s, 'GET', `/api/conferences/${conf.id}/versions`, familyToken),
    );
    v1Hash = versions.versions[0]?.hash as string;
    v1Pdf = await versionPdf(1, familyToken);

    const accepted = await api(s, 'POST', `/api/conferences/${conf.id}/amendments/${requestId}/accept`, conf.chairToken, {
      answer: 'You are right: I have changed it.',
    });
    expect(accepted.status).toBe(200);
    expect((await api(s, 'POST', `/api/conferences/${conf.id}/amendments/${requestId}/accept`, conf.chairToken, {})).status).toBe(409);

    const chair = client(conf.id, conf.chairToken);
    const chairDoc = client(chairRoomName(conf.id), conf.chairToken);
    const family = client(conf.id, familyToken);
    await Promise.all([chair, chairDoc, family].map((c) => synced(c.provider)));
    await waitFor(() => readChairState(chairDoc.doc).amending, 'amending');
    // The family's own item, changed from their screen while the chair amends: not taken.
    editCardText(family.doc, mumsItem, 'Family edit after the meeting', me.family);
    await new Promise((r) => setTimeout(r, 300));
    editCardText(chair.doc, mumsItem, 'Mum walks Zoë to school every day', me.chair);
    const reader = await boardOf(proToken);
    await waitFor(() => getCard(reader, mumsItem)?.text === 'Mum walks Zoë to school every day', 'the amendment at another screen');

    const published = await api(s, 'POST', `/api/conferences/${conf.id}/versions`, conf.chairToken, {});
    expect(published.status).toBe(201);
    const v2 = await json<{ version: number; hash: string }>(published);
    expect(v2.version).toBe(2);
    expect(v2.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(v2.hash).not.toBe(v1Hash);
    await waitFor(() => !readChairState(chairDoc.doc).amending, 'amending over');
    // After publishing, the chair's writes are dropped again.
    editCardText(chair.doc, mumsItem, 'After publishing', me.chair);
    await new Promise((r) => setTimeout(r, 300));
    expect(getCard(await boardOf(proToken), mumsItem)?.text).toBe('Mum walks Zoë to school every day');

    const list = await json<{ versions: Array<{ version: number; hash: string }> }>(
      await api(s, 'GET', `/api/conferences/${conf.id}/versions`, familyToken),
    );
    expect(list.versions.map((v) => [v.version, v.hash])).toEqual([
      [1, v1Hash],
      [2, v2.hash],
    ]);
    // Version 1's PDF, made again after version 2 was published, is the same file.
    expect(Buffer.from(await versionPdf(1, familyToken)).equals(Buffer.from(v1Pdf))).toBe(true);
    const v1Text = (await readPdf(v1Pdf)).map((p) => flat(p.text)).join('\n');
    expect(v1Text).toContain('Mum walks Zoë to school most days');
    expect(v1Text).toContain(`check code ${shortHash(v1Hash)}`);

    // Version 2 prints its own check code and says what changed, and why, on a last page.
    const v2Pages = await readPdf(await versionPdf(2, familyToken));
    for (const p of v2Pages) expect(flat(p.text)).toContain(`check code ${shortHash(v2.hash)} · version 2`);
    const last = flat(v2Pages[v2Pages.length - 1]?.text ?? '');
    expect(last).toContain('What changed in version 2, and why');
    expect(last).toContain('Before: Mum walks Zoë to school most days');
    expect(last).toContain('Now: Mum walks Zoë to school every day');
    expect(last).toContain(`Amira, Mum, asked on`);
    expect(last).toContain('I walk her every day, not most days');
    expect(last).toContain('The chair: You are right: I have changed it.');

    // A copy of either version checks out, and says which it is.
    const verify = async (hash: string): Promise<unknown> =>
      json(await api(s, 'GET', `/api/conferences/${conf.id}/record/verify?hash=${hash}`));
    expect(await verify(shortHash(v1Hash).replace(/ /g, ''))).toMatchObject({ matches: true, version: 1, latest: false });
    expect(await verify(v2.hash)).toMatchObject({ matches: true, version: 2, latest: true });

    // The family sees what became of their request, and the record for the case system is version 2.
    const theirs = await json<{ requests: Array<{ status: string; publishedIn: number | null; answer: string }> }>(
      await api(s, 'GET', `/api/conferences/${conf.id}/amendments`, familyToken),
    );
    expect(theirs.requests).toEqual([
      expect.objectContaining({ status: 'accepted', publishedIn: 2, answer: 'You are right: I have changed it.' }),
    ]);
    const record = await json<Record<string, unknown>>(await api(s, 'GET', `/api/conferences/${conf.id}/record.json`, conf.chairToken));
    expect(validate(record), JSON.stringify(validate.errors)).toBe(true);
    expect(record).toMatchObject({
      version: 2,
      hash: v2.hash,
      changes: [expect.objectContaining({ part: `cards/${mumsItem}`, kind: 'item' })],
    });
  });

  it('declined: the chair must say why, and the person reads it', async () => {
    const asked = await json<{ id: string }>(
      await api(s, 'POST', `/api/conferences/${conf.id}/amendments`, familyToken, {
        part: 'decision',
        wrong: 'We do not agree with the plan.',
      }),
    );
    expect((await api(s, 'POST', `/api/conferences/${conf.id}/amendments/${asked.id}/decline`, conf.chairToken, {})).status).toBe(400);
    const declined = await api(s, 'POST', `/api/conferences/${conf.id}/amendments/${asked.id}/decline`, conf.chairToken, {
      answer: 'The record says what the conference decided. Your disagreement can be written to the chair.',
    });
    expect(declined.status).toBe(200);
    const theirs = await json<{ requests: Array<{ id: string; status: string; answer: string }> }>(
      await api(s, 'GET', `/api/conferences/${conf.id}/amendments`, familyToken),
    );
    expect(theirs.requests.find((r) => r.id === asked.id)).toMatchObject({
      status: 'declined',
      answer: expect.stringContaining('what the conference decided'),
    });
    const audit = await json<{ entries: Array<{ event: string }> }>(
      await api(s, 'GET', `/api/conferences/${conf.id}/audit`, conf.chairToken),
    );
    expect(audit.entries.map((e) => e.event)).toEqual(
      expect.arrayContaining(['amendment-asked', 'amendment-accepted', 'amendment-declined', 'version-published']),
    );
    // What people wrote in their requests is never in the server's log.
    expect(s.output()).not.toContain('AMEND-MARKER-71c');
  });
});

describe('after the deadline', () => {
  it('asking is closed with a plain message that says whom to write to; the deadline skips bank holidays', async () => {
    const late = await createConference(s);
    const christmas = await createConference(s, { date: '2026-12-23' });
    const lateFamily = await joinThroughLobby(s, late, late.familyToken, 'Amira', 'Mum');
    for (const c of [late, christmas]) expect((await api(s, 'POST', `/api/conferences/${c.id}/lock`, c.chairToken)).status).toBe(200);
    await s.stop();
    // Time passes: the meetings ended 30 days ago, and on Wednesday 23 December 2026.
    const db = new Database(path.join(s.dataDir, 'conference-board.sqlite'));
    db.prepare('UPDATE conferences SET locked_at = ? WHERE id = ?').run(Date.now() - 30 * DAY_MS, late.id);
    db.prepare('UPDATE conferences SET locked_at = ? WHERE id = ?').run(Date.parse('2026-12-23T15:00:00Z'), christmas.id);
    db.close();
    s = await startServer({ dataDir: s.dataDir, env: ENV });

    const info = await json<{ open: boolean; deadline: string; closed?: { code: string; params: Record<string, string> } }>(
      await api(s, 'GET', `/api/conferences/${late.id}/amendments`, lateFamily),
    );
    expect(info.open).toBe(false);
    // The page words whom to write to from the code and its params, as a refused request would.
    expect(info.closed).toMatchObject({ code: 'amendments-closed', params: { date: info.deadline, contact: CONTACT } });
    const refused = await api(s, 'POST', `/api/conferences/${late.id}/amendments`, lateFamily, { part: 'decision', wrong: 'Too late?' });
    expect(refused.status).toBe(410);
    const body = await json<{ error: string; code: string; params: { date: string; contact: string } }>(refused);
    expect(body.code).toBe('amendments-closed');
    expect(body.params).toEqual({ date: info.deadline, contact: CONTACT });
    expect(body.error).toMatch(
      /^The time to ask for changes to this record ended on \w+day \d+ \w+ 20\d\d\. To ask for a change now, write to the Child Protection/,
    );
    expect(
      (await json<{ requests: unknown[] }>(await api(s, 'GET', `/api/conferences/${late.id}/amendments`, late.chairToken))).requests,
    ).toEqual([]);

    // Without a contact set, the chair is named: a code of its own, so each screen words "the chair".
    await s.stop();
    s = await startServer({ dataDir: s.dataDir, env: { RETENTION_DAYS: '365' } });
    const toChair = await api(s, 'POST', `/api/conferences/${late.id}/amendments`, lateFamily, { part: 'decision', wrong: 'Too late?' });
    expect(toChair.status).toBe(410);
    const chairBody = await json<{ error: string; code: string; params: { date: string; contact: string } }>(toChair);
    expect(chairBody.code).toBe('amendments-closed-chair');
    expect(chairBody.params).toEqual({ date: info.deadline, contact: 'Ruth Adeyemi' });
    expect(chairBody.error).toMatch(/To ask for a change now, write to the chair, Ruth Adeyemi\.$/);
    await s.stop();
    s = await startServer({ dataDir: s.dataDir, env: ENV });

    // Thu 24, then Christmas Day, the weekend, Boxing Day's substitute Monday 28; Tue 29, Wed 30,
    // Thu 31; New Year's Day; Monday 4 January 2027 is the fifth working day.
    const festive = await json<{ deadline: string }>(
      await api(s, 'GET', `/api/conferences/${christmas.id}/amendments`, christmas.chairToken),
    );
    expect(festive.deadline).toBe('2027-01-04');
  });
});

async function boardOf(token: string): Promise<import('yjs').Doc> {
  const c = client(conf.id, token);
  await synced(c.provider);
  return c.doc;
}
async function chairDocOf(token: string): Promise<import('yjs').Doc> {
  const c = client(chairRoomName(conf.id), token);
  await synced(c.provider);
  return c.doc;
}
