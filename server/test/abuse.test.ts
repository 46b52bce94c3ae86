import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import {
  addCard,
  allCards,
  editCardText,
  getCard,
  readChairState,
  removeCard,
  setConfirmed,
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

// One person must not hurt the conference, the instance, or other people's meetings (issue 17):
// bytes, a full document, presence, floods of items and of connections. Real websocket clients:
// stock y-websocket providers for the people, hand-made frames for the attacker.

type Client = ReturnType<typeof connectClient>;
const clients: Client[] = [];
const sockets: WebSocket[] = [];

function client(s: RunningServer, room: string, token: string): Client {
  const c = connectClient(s, room, token);
  clients.push(c);
  return c;
}

function frame(...parts: Array<(e: encoding.Encoder) => void>): Uint8Array {
  const e = encoding.createEncoder();
  for (const part of parts) part(e);
  return encoding.toUint8Array(e);
}
const uint = (n: number) => (e: encoding.Encoder) => encoding.writeVarUint(e, n);
const bytes = (b: Uint8Array) => (e: encoding.Encoder) => encoding.writeVarUint8Array(e, b);
/** A document update message (sync step 2 carries updates as the stock client sends them). */
const updateMessage = (update: Uint8Array): Uint8Array => frame(uint(0), uint(2), bytes(update));
/** A presence message with one entry. */
const presenceMessage = (clientId: number, clock: number, state: Uint8Array): Uint8Array =>
  frame(uint(1), bytes(frame(uint(1), uint(clientId), uint(clock), bytes(state))));
const json = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

interface Raw {
  ws: WebSocket;
  /** Resolves once the server has greeted the connection (its first message). */
  greeted: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
}

/** A hand-made websocket client (as an attacker writes one), with the token in the query. */
function raw(s: RunningServer, room: string, token: string): Raw {
  const ws = new WebSocket(`${s.wsUrl}/${room}?token=${token}`);
  sockets.push(ws);
  ws.on('error', () => undefined);
  return {
    ws,
    greeted: new Promise((resolve) => ws.once('message', () => resolve())),
    closed: new Promise((resolve) => ws.on('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() }))),
  };
}

/** A person writing through hand-made frames: a document of their own, whose changes are sent as updates. */
class Writer {
  readonly doc = new Y.Doc();
  constructor(
    readonly author: Author,
    /** Start from the server's copy (a fresh replica), so later updates build on what the server has. */
    from?: Y.Doc,
  ) {
    if (from) Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(from));
  }
  /** The update that `change` makes. */
  change(change: (doc: Y.Doc) => void): Uint8Array {
    const before = Y.encodeStateVector(this.doc);
    change(this.doc);
    return Y.encodeStateAsUpdate(this.doc, before);
  }
}

afterAll(() => {
  for (const c of clients.splice(0)) c.provider.destroy();
  for (const ws of sockets.splice(0)) ws.terminate();
});

describe('one server with tight limits', () => {
  let s: RunningServer;

  beforeAll(async () => {
    s = await startServer({
      env: {
        MAX_MESSAGE_BYTES: '65536',
        BYTES_PER_SECOND: '65536',
        CONFERENCE_UPDATES_PER_SECOND: '20',
        MAX_PERSON_BYTES: '32768',
        RECORDS_PER_MINUTE: '60',
      },
    });
  });
  afterAll(async () => {
    await s?.stop('SIGKILL');
  });

  /** A conference with the chair's stock client connected, and a person let in. */
  async function meeting(): Promise<{ conf: Conference; chair: Client; chairAuthor: Author; token: string; person: Author }> {
    const conf = await createConference(s);
    const chair = client(s, conf.id, conf.chairToken);
    await synced(chair.provider);
    const token = await joinThroughLobby(s, conf, conf.familyToken, 'Mallory', 'Uncle');
    return { conf, chair, chairAuthor: await whoIs(s, conf.id, conf.chairToken), token, person: await whoIs(s, conf.id, token) };
  }

  it('a byte flood is cut off by its bytes; everyone else, and another conference, carry on', async () => {
    const { conf, chair, chairAuthor, token } = await meeting();
    const other = await createConference(s);
    const otherChair = client(s, other.id, other.chairToken);
    const amiraToken = await joinThroughLobby(s, other, other.professionalToken, 'Amira', 'School');
    const otherPerson = client(s, other.id, amiraToken);
    await Promise.all([synced(otherChair.provider), synced(otherPerson.provider)]);

    // Frames the relay drops at once (echoes of the chair's presence, padded): only their bytes count.
    chair.provider.awareness.setLocalStateField('here', true);
    const watcher = client(s, conf.id, conf.chairToken);
    await waitFor(() => watcher.provider.awareness.getStates().has(chair.doc.clientID), 'the chair’s presence');
    const clock = chair.provider.awareness.meta.get(chair.doc.clientID)?.clock ?? 1;
    const padded = presenceMessage(chair.doc.clientID, clock, new Uint8Array(60_000).fill(32));
    const flood = raw(s, conf.id, token);
    await flood.greeted;
    for (let i = 0; i < 40 && flood.ws.readyState === WebSocket.OPEN; i++) flood.ws.send(padded);
    expect(await flood.closed).toEqual({ code: 4429, reason: 'too many bytes' });

    // The other conference works; so does this one.
    const amira = await whoIs(s, other.id, amiraToken);
    addCard(otherPerson.doc, { column: 'safety', text: 'Gran is here every evening', author: amira });
    await waitFor(() => allCards(otherChair.doc).some((c) => c.text === 'Gran is here every evening'), 'an edit in the other conference');
    addCard(chair.doc, { column: 'safety', text: 'After the flood', author: chairAuthor });
    const late = client(s, conf.id, conf.chairToken);
    await waitFor(() => allCards(late.doc).some((c) => c.text === 'After the flood'), 'an edit in the flooded conference');
    expect(chair.provider.wsconnected).toBe(true);
    expect(s.output()).toContain('"event":"relay.refused_message"');
  });

  it('past its budget a conference is read more slowly: nobody is cut off and nothing is lost', async () => {
    const { conf, chair, token, person } = await meeting();
    const writer = new Writer(person);
    let id = '';
    const edits = [writer.change((d) => (id = addCard(d, { column: 'grey', text: 'edit 0', author: person }).id))];
    for (let i = 1; i <= 120; i++) edits.push(writer.change((d) => editCardText(d, id, `edit ${i}`, person)));
    const busy = raw(s, conf.id, token);
    await busy.greeted;
    // 121 updates at once, well within this connection's own limits, past the conference's 20 a second (80 at once).
    for (const u of edits) busy.ws.send(updateMessage(u));
    await waitFor(() => getCard(chair.doc, id)?.text === 'edit 120', 'every update, in order', 30_000);
    expect(busy.ws.readyState).toBe(WebSocket.OPEN);
    expect(s.output()).toContain('"event":"relay.conference_budget"');
    busy.ws.close();
  });

  it('presence is the server’s word: a forged name is replaced, an oversized state is refused and never relayed', async () => {
    const { conf, chair, chairAuthor, token, person } = await meeting();
    const seen: number[] = [];
    chair.provider.awareness.on('update', () => {
      const state = chair.provider.awareness.getStates().get(777);
      if (state) seen.push(JSON.stringify(state).length);
    });
    const family = raw(s, conf.id, token);
    await family.greeted;
    // The family's connection claims to be the chair.
    family.ws.send(presenceMessage(777, 1, json({ user: { ...chairAuthor }, cursor: 5 })));
    await waitFor(() => chair.provider.awareness.getStates().has(777), 'the family’s presence');
    expect(chair.provider.awareness.getStates().get(777)).toEqual({ user: person, cursor: 5 });

    family.ws.send(presenceMessage(777, 2, json({ user: person, note: 'x'.repeat(5000) })));
    expect(await family.closed).toEqual({ code: 4413, reason: 'presence too large' });
    // Another person's presence, sent after, arrives; the oversized state never did.
    const pro = raw(s, conf.id, await joinThroughLobby(s, conf, conf.professionalToken, 'Amira', 'School'));
    await pro.greeted;
    pro.ws.send(presenceMessage(888, 1, json({ user: { name: 'anything' } })));
    await waitFor(() => chair.provider.awareness.getStates().has(888), 'a later presence');
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.max(...seen)).toBeLessThan(1000);
    pro.ws.close();
  });

  it('a flood of items is cut off past the rate one person may add them; others still add theirs', async () => {
    const { conf, chair, chairAuthor, token, person } = await meeting();
    const writer = new Writer(person);
    const flood = raw(s, conf.id, token);
    await flood.greeted;
    for (let i = 0; i < 100 && flood.ws.readyState === WebSocket.OPEN; i++) {
      flood.ws.send(updateMessage(writer.change((d) => addCard(d, { column: 'grey', text: `fake ${i}`, author: person }))));
    }
    const closed = await flood.closed;
    expect(closed.code).toBe(4403);
    expect(closed.reason).toMatch(/^refused too-fast cards\//);
    const late = client(s, conf.id, conf.chairToken);
    await synced(late.provider);
    addCard(chair.doc, { column: 'safety', text: 'The chair’s own item', author: chairAuthor });
    await waitFor(() => allCards(late.doc).some((c) => c.text === 'The chair’s own item'), 'the chair’s item');
    const fakes = allCards(late.doc).filter((c) => c.text.startsWith('fake ')).length;
    // RECORDS_PER_MINUTE is 60: 30 at once, then one a second (the 100 were sent at once).
    expect(fakes).toBeGreaterThanOrEqual(30);
    expect(fakes).toBeLessThan(40);
  });

  it('each person’s share of the document is limited; others still add, and the person can still take things off', async () => {
    const { conf, chair, chairAuthor, token, person } = await meeting();
    const writer = new Writer(person);
    const filler = raw(s, conf.id, token);
    await filler.greeted;
    for (let i = 0; i < 28 && filler.ws.readyState === WebSocket.OPEN; i++) {
      filler.ws.send(updateMessage(writer.change((d) => addCard(d, { column: 'grey', text: `${i} ${'q'.repeat(1900)}`, author: person }))));
    }
    expect(await filler.closed).toEqual({ code: 4403, reason: 'refused quota document' });
    addCard(chair.doc, { column: 'safety', text: 'Still room for the chair', author: chairAuthor });
    const late = client(s, conf.id, conf.chairToken);
    await waitFor(() => allCards(late.doc).some((c) => c.text === 'Still room for the chair'), 'the chair’s item');
    // Taking their own item off is a clean-up: it passes a full share.
    const theirs = allCards(late.doc).find((c) => c.author?.id === person.id && !c.removed);
    expect(theirs).toBeDefined();
    const again = raw(s, conf.id, token);
    await again.greeted;
    again.ws.send(updateMessage(new Writer(person, late.doc).change((d) => removeCard(d, theirs?.id ?? '', person))));
    await waitFor(() => getCard(chair.doc, theirs?.id ?? '')?.removed === true, 'their item taken off');
    expect(again.ws.readyState).toBe(WebSocket.OPEN);
    again.ws.close();
  });

  it('connections per person are limited (4529, which the stock client retries): a person gets back in once one closes', async () => {
    const { conf, token } = await meeting();
    const eight = Array.from({ length: 8 }, () => raw(s, conf.id, token));
    await Promise.all(eight.map((r) => r.greeted));
    const ninth = raw(s, conf.id, token);
    expect(await ninth.closed).toEqual({
      code: 4529,
      reason: 'too many connections for one person: close another window of this conference',
    });
    // Someone else is not affected.
    const other = raw(s, conf.id, conf.chairToken);
    await other.greeted;
    // A stock client keeps trying, and gets in once the person closes another window.
    const retrying = client(s, conf.id, token);
    let closedForGood = false;
    retrying.provider.on('closed', () => (closedForGood = true));
    await waitFor(() => s.output().split('relay.too_many_connections').length > 2, 'the stock client to be refused');
    eight[0]?.ws.close();
    await synced(retrying.provider);
    expect(closedForGood).toBe(false);
    for (const r of [...eight, other]) r.ws.close();
  });

  it('the chair takes off what one person added and has not been confirmed, and the audit trail says so without content', async () => {
    const { conf, chair, chairAuthor, token, person } = await meeting();
    const chairRoom = client(s, `${conf.id}/chair`, conf.chairToken);
    const them = client(s, conf.id, token);
    await Promise.all([synced(chairRoom.provider), synced(them.provider)]);
    const ids = ['first of theirs', 'second of theirs', 'confirmed of theirs'].map(
      (text) => addCard(them.doc, { column: 'danger', text, author: person }).id,
    );
    const mine = addCard(chair.doc, { column: 'danger', text: 'the chair’s', author: chairAuthor }).id;
    await waitFor(() => ids.every((id) => getCard(chair.doc, id)), 'their items at the chair');
    setConfirmed(chairRoom.doc, ids[2] ?? '', true);
    const watcher = client(s, `${conf.id}/chair`, token);
    await waitFor(() => readChairState(watcher.doc).confirmed.size === 1, 'the confirmation at the server');

    const route = `/api/conferences/${conf.id}/participants/${person.id}/contributions/remove`;
    expect((await api(s, 'POST', route, token)).status).toBe(403);
    expect(
      (await api(s, 'POST', `/api/conferences/${conf.id}/participants/nobody-0000/contributions/remove`, conf.chairToken)).status,
    ).toBe(404);
    const res = await api(s, 'POST', route, conf.chairToken);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ removed: 2 });
    await waitFor(
      () => getCard(them.doc, ids[0] ?? '')?.removed === true && getCard(them.doc, ids[1] ?? '')?.removed === true,
      'their items taken off',
    );
    expect(getCard(them.doc, ids[2] ?? '')?.removed).toBe(false);
    expect(getCard(them.doc, mine)?.removed).toBe(false);
    expect(getCard(them.doc, ids[0] ?? '')?.changedBy).toBe(chairAuthor.id);

    const audit = (await (await api(s, 'GET', `/api/conferences/${conf.id}/audit`, conf.chairToken)).json()) as {
      entries: Array<Record<string, unknown>>;
    };
    expect(audit.entries.find((e) => e.event === 'contributions-removed')).toMatchObject({
      participantId: person.id,
      name: 'Mallory',
      detail: '2',
    });
    expect(JSON.stringify(audit)).not.toContain('of theirs');
    expect(s.output()).not.toContain('of theirs');

    expect((await api(s, 'POST', `/api/conferences/${conf.id}/lock`, conf.chairToken)).status).toBe(200);
    expect((await api(s, 'POST', route, conf.chairToken)).status).toBe(409);
  });
});

describe('a full document is not a dead one', () => {
  let s: RunningServer;
  beforeAll(async () => {
    s = await startServer({ env: { MAX_DOCUMENT_BYTES: '65536', RECORDS_PER_MINUTE: '100000' } });
  });
  afterAll(async () => {
    await s?.stop('SIGKILL');
  });

  it('once a person has filled it, the chair still takes things off; a refused person comes back and cleans up too', async () => {
    const conf = await createConference(s);
    const chairAuthor = await whoIs(s, conf.id, conf.chairToken);
    const chair = client(s, conf.id, conf.chairToken);
    const token = await joinThroughLobby(s, conf, conf.professionalToken, 'Mallory', 'Other');
    const person = await whoIs(s, conf.id, token);
    const observer = client(s, conf.id, await joinThroughLobby(s, conf, conf.familyToken, 'Łukasz', 'Dad'));
    await Promise.all([synced(chair.provider), synced(observer.provider)]);

    const writer = new Writer(person);
    const filler = raw(s, conf.id, token);
    await filler.greeted;
    for (let i = 0; i < 60 && filler.ws.readyState === WebSocket.OPEN; i++) {
      filler.ws.send(updateMessage(writer.change((d) => addCard(d, { column: 'grey', text: `${i} ${'f'.repeat(1900)}`, author: person }))));
    }
    expect(await filler.closed).toEqual({ code: 4403, reason: 'refused document-full document' });
    await waitFor(() => allCards(chair.doc).filter((c) => c.author?.id === person.id).length > 20, 'the filler’s items at the chair');

    // The chair takes one off: it passes the full document.
    const fill = allCards(chair.doc).filter((c) => c.author?.id === person.id);
    removeCard(chair.doc, fill[0]?.id ?? '', chairAuthor);
    await waitFor(() => getCard(observer.doc, fill[0]?.id ?? '')?.removed === true, 'the chair’s clean-up');
    expect(chair.provider.wsconnected).toBe(true);

    // Something new is refused, as the rules refuse: our client starts again from the server's copy.
    let refusal: { code: number; reason: string } | null = null;
    chair.provider.on('closed', (event: { code: number; reason: string }) => (refusal = { code: event.code, reason: event.reason }));
    addCard(chair.doc, { column: 'safety', text: `One more ${'m'.repeat(1990)}`, author: chairAuthor });
    await waitFor(() => refusal !== null, 'the refusal');
    expect(refusal).toEqual({ code: 4403, reason: 'refused document-full document' });

    // The refused person (and the chair) connect again and clean up.
    const back = client(s, conf.id, conf.chairToken);
    await synced(back.provider);
    removeCard(back.doc, fill[1]?.id ?? '', chairAuthor);
    await waitFor(() => getCard(observer.doc, fill[1]?.id ?? '')?.removed === true, 'the chair’s clean-up after coming back');
    const again = raw(s, conf.id, token);
    await again.greeted;
    again.ws.send(updateMessage(new Writer(person, back.doc).change((d) => editCardText(d, fill[2]?.id ?? '', 'short now', person))));
    await waitFor(() => getCard(observer.doc, fill[2]?.id ?? '')?.text === 'short now', 'the person’s own clean-up');
    expect(again.ws.readyState).toBe(WebSocket.OPEN);
    again.ws.close();
  });
});
