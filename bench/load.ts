/**
 * A load-generator process: it runs apart from the relay it measures (and, where one process would
 * saturate, beside a second one). The orchestrator (run.ts) sends it commands as JSON lines on
 * stdin; it answers each with one JSON line on stdout ({"reply": id, ...}), and may send events
 * ({"event": "sample", ...}) that the orchestrator acknowledges.
 */
import readline from 'node:readline';
import * as Y from 'yjs';
import { addCard, editCardText, type Author, type ColumnId } from '../shared/model/index.js';
import { connect, LeanClient, nowMs, prepareRoom, traffic, type BenchClient, type PreparedRoom, type Target } from './clients.js';

const say = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value)}\n`);
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const COLUMNS: ColumnId[] = ['danger', 'safety', 'strengths', 'complicating', 'grey'];

/** The part of one room this process plays: `local` clients (of `size` in the room), the first `writers` of them writing. */
export interface RoomPart extends PreparedRoom {
  size: number;
  local: number;
  writers: number;
  /** Items put on the board before anything is measured (by this part's first client). */
  seedItems: number;
}

export interface LatencySetup {
  target: Target;
  parts: RoomPart[];
  /** Edits per second per writer. */
  rate: number;
  presenceHz: number;
  /** A label unique among the processes, carried in every edit. */
  tag: string;
}

/** When things happen, on the shared monotonic clock (nowMs). */
export interface Schedule {
  start: number;
  warmupMs: number;
  measureMs: number;
  windows: number;
  drainMs: number;
  /** After the drain, how long more to wait for deliveries still on their way (default 2 s). */
  lateMs?: number;
}

export interface LatencyPartResult {
  /** Edit-to-visible times of each repetition (window) of the measured time, ms. */
  windows: number[][];
  /** Deliveries expected from the edits made in the measured time, and edits made. */
  expected: number;
  edits: number;
  frames: number;
  bytes: number;
  /** This process's own CPU use during the measured time, % of one core. */
  cpuPercent: number;
}

function seed(doc: Y.Doc, count: number, author: Author): void {
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      addCard(doc, {
        column: COLUMNS[i % 5] as ColumnId,
        text: `Item ${i}: what was seen, said and done, in plain words for the record.`,
        author,
      });
    }
  });
}

/** Full clients (each a real Y.Doc and the relay's own client library) whose deliveries are timed. */
class LatencyGroup {
  private rooms: Array<{ part: RoomPart; clients: BenchClient[]; items: string[] }> = [];
  constructor(private readonly s: LatencySetup) {}

  async setup(): Promise<void> {
    for (const part of this.s.parts) {
      const clients: BenchClient[] = [];
      for (let i = 0; i < part.local; i++) clients.push(connect(this.s.target, part.room, part.token));
      await Promise.all(clients.map((c) => c.synced));
      if (part.seedItems > 0 && clients[0]) seed(clients[0].doc, part.seedItems, part.author);
      // Each writer edits an item of its own: the edit's text carries its key and send time.
      const items = clients.slice(0, part.writers).map((c) => addCard(c.doc, { column: 'grey', text: 'bench', author: part.author }).id);
      this.rooms.push({ part, clients, items });
    }
  }

  async go(schedule: Schedule): Promise<LatencyPartResult> {
    const measureFrom = schedule.start + schedule.warmupMs;
    const measureTo = measureFrom + schedule.measureMs;
    const windowMs = schedule.measureMs / schedule.windows;
    const windowAt = (t: number): number => (t < measureFrom || t >= measureTo ? -1 : Math.floor((t - measureFrom) / windowMs));
    const windows: number[][] = Array.from({ length: schedule.windows }, () => []);
    traffic.from = measureFrom;
    traffic.to = measureTo;
    traffic.frames = 0;
    traffic.bytes = 0;
    let expected = 0;
    let edits = 0;
    const unobserve: Array<() => void> = [];
    for (const { clients } of this.rooms) {
      for (const client of clients) {
        const observer = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>): void => {
          const now = nowMs();
          for (const event of events) {
            if (event.transaction.local || !(event instanceof Y.YMapEvent) || !event.keysChanged.has('text')) continue;
            // Edits made in the measured time say `m<window>:… @<sent>`.
            const text = String((event.target as Y.Map<unknown>).get('text'));
            if (!text.startsWith('m')) continue;
            windows[Number(text.slice(1, text.indexOf(':')))]?.push(now - Number(text.slice(text.indexOf('@') + 1)));
          }
        };
        const cards = client.doc.getMap('cards');
        cards.observeDeep(observer);
        unobserve.push(() => cards.unobserveDeep(observer));
      }
    }
    const timers: NodeJS.Timeout[] = [];
    let seq = 0;
    const end = measureTo + schedule.drainMs;
    for (const { part, clients, items } of this.rooms) {
      clients.slice(0, part.writers).forEach((client, w) => {
        const interval = 1000 / this.s.rate;
        timers.push(
          setTimeout(
            () =>
              timers.push(
                setInterval(() => {
                  const t = nowMs();
                  if (t >= measureTo) return;
                  const window = windowAt(t);
                  if (window >= 0) {
                    expected += part.size - 1;
                    edits++;
                  }
                  const key = `${window >= 0 ? `m${window}` : 'w'}:${this.s.tag}:${w}:${seq++}`;
                  editCardText(client.doc, items[w] ?? '', `${key} @${t}`, part.author);
                }, interval),
              ),
            Math.random() * interval,
          ),
        );
      });
      if (this.s.presenceHz > 0) {
        clients.forEach((client, i) => {
          timers.push(
            setTimeout(
              () =>
                timers.push(
                  setInterval(() => client.awareness.setLocalStateField('cursor', { at: seq, who: i }), 1000 / this.s.presenceHz),
                ),
              Math.random() * 1000,
            ),
          );
        });
      }
    }
    const cpu0 = process.cpuUsage();
    let cpuPercent = 0;
    await sleep(Math.max(0, measureFrom - nowMs()));
    const c0 = process.cpuUsage(cpu0);
    await sleep(Math.max(0, measureTo - nowMs()));
    const c1 = process.cpuUsage(cpu0);
    cpuPercent = ((c1.user + c1.system - c0.user - c0.system) / 1000 / schedule.measureMs) * 100;
    await sleep(Math.max(0, end - nowMs()));
    // Deliveries still on their way after the drain (a busy machine) are waited for a while more:
    // an edit counts as undelivered only if it does not arrive. Its late time counts in the percentiles.
    const delivered = (): number => windows.reduce((n, w) => n + w.length, 0);
    for (const deadline = nowMs() + (schedule.lateMs ?? 2000); delivered() < expected && nowMs() < deadline; ) await sleep(20);
    timers.forEach((t) => clearInterval(t));
    unobserve.forEach((u) => u());
    return { windows, expected, edits, frames: traffic.frames, bytes: traffic.bytes, cpuPercent };
  }

  teardown(): void {
    for (const { clients } of this.rooms) for (const c of clients) c.destroy();
    this.rooms = [];
  }
}

export interface LeanConference extends PreparedRoom {
  people: number;
  typists: number;
  seedItems: number;
}

/** Many lean people (see LeanClient): background conferences that load the relay but are not timed. */
class LeanGroup {
  private conferences: Array<{ c: LeanConference; people: LeanClient[]; items: string[] }> = [];
  private timers: NodeJS.Timeout[] = [];

  async add(wsUrl: string, conferences: LeanConference[], chairRoom: boolean): Promise<void> {
    // A few conferences at a time, as people arrive in the morning.
    for (let i = 0; i < conferences.length; i += 10) {
      await Promise.all(
        conferences.slice(i, i + 10).map(async (c) => {
          const people = Array.from({ length: c.people }, () => new LeanClient(wsUrl, c.room, c.token ?? '', chairRoom));
          await Promise.all(people.map((p) => p.open));
          const first = people[0];
          if (first && c.seedItems > 0) seed(first.doc, c.seedItems, c.author);
          const items = people.slice(0, c.typists).map((p) => addCard(p.doc, { column: 'grey', text: 'typing', author: c.author }).id);
          this.conferences.push({ c, people, items });
        }),
      );
    }
  }

  /** Typists edit at `rate` per second, everyone's presence changes at `presenceHz`. */
  start(rate: number, presenceHz: number): void {
    this.stop();
    let seq = 0;
    for (const { c, people, items } of this.conferences) {
      people.forEach((p, i) => {
        if (i < c.typists && rate > 0) {
          const interval = 1000 / rate;
          this.timers.push(
            setTimeout(
              () => this.timers.push(setInterval(() => editCardText(p.doc, items[i] ?? '', `typing ${seq++}`, c.author), interval)),
              Math.random() * interval,
            ),
          );
        }
        if (presenceHz > 0) {
          const interval = 1000 / presenceHz;
          this.timers.push(
            setTimeout(
              () => this.timers.push(setInterval(() => p.presence({ cursor: { at: seq, who: i } }), interval)),
              Math.random() * interval,
            ),
          );
        }
      });
    }
  }

  stop(): void {
    this.timers.forEach((t) => clearInterval(t));
    this.timers = [];
  }

  teardown(): void {
    this.stop();
    for (const { people } of this.conferences) for (const p of people) p.close();
    this.conferences = [];
  }
}

/**
 * A flood: `connections` sockets in one conference, each sending updates as fast as the relay's
 * per-connection message limit allows (just under it, so that none is cut off), each a real edit.
 */
class Flood {
  private clients: LeanClient[] = [];
  private timers: NodeJS.Timeout[] = [];
  async start(wsUrl: string, c: PreparedRoom, connections: number, perSecond: number, textBytes: number): Promise<void> {
    this.clients = Array.from({ length: connections }, () => new LeanClient(wsUrl, c.room, c.token ?? '', false));
    await Promise.all(this.clients.map((p) => p.open));
    const filler = 'x'.repeat(textBytes);
    let seq = 0;
    for (const client of this.clients) {
      const id = addCard(client.doc, { column: 'grey', text: 'flood', author: c.author }).id;
      // Bursts every 20 ms keep each connection just under its limit without a timer per message.
      const perTick = perSecond / 50;
      let owed = 0;
      this.timers.push(
        setInterval(() => {
          owed += perTick;
          for (; owed >= 1; owed--) {
            // A flooder does not wait for a slow server: but a socket whose buffer grows is not sent more.
            if (client.bufferedAmount > 4 * 1024 * 1024) continue;
            editCardText(client.doc, id, `${seq++} ${filler}`, c.author);
          }
        }, 20),
      );
    }
  }
  stop(): void {
    this.timers.forEach((t) => clearInterval(t));
    this.timers = [];
    for (const c of this.clients) c.close();
    this.clients = [];
  }
}

// ---- the command loop ----

type Command =
  | { id: number; cmd: 'latency-setup'; args: LatencySetup }
  | { id: number; cmd: 'latency-go'; args: Schedule }
  | { id: number; cmd: 'latency-teardown' }
  | { id: number; cmd: 'lean-add'; args: { wsUrl: string; conferences: LeanConference[]; chairRoom: boolean } }
  | { id: number; cmd: 'lean-start'; args: { rate: number; presenceHz: number } }
  | { id: number; cmd: 'lean-teardown' }
  | {
      id: number;
      cmd: 'flood-start';
      args: { wsUrl: string; room: PreparedRoom; connections: number; perSecond: number; textBytes: number };
    }
  | { id: number; cmd: 'flood-stop' }
  | { id: number; cmd: 'join'; args: JoinArgs }
  | { id: number; cmd: 'memory'; args: MemoryArgs }
  | { id: number; cmd: 'sampled'; sample: number };

let latencyGroup: LatencyGroup | null = null;
const lean = new LeanGroup();
const flood = new Flood();
const sampleAcks = new Map<number, () => void>();
let samples = 0;

/** Tells the orchestrator to take a sample now, and waits until it has. */
function sample(name: string): Promise<void> {
  const id = ++samples;
  return new Promise((resolve) => {
    sampleAcks.set(id, resolve);
    say({ event: 'sample', name, sample: id });
  });
}

async function handle(command: Command): Promise<unknown> {
  switch (command.cmd) {
    case 'latency-setup':
      latencyGroup?.teardown();
      latencyGroup = new LatencyGroup(command.args);
      await latencyGroup.setup();
      return {};
    case 'latency-go':
      if (!latencyGroup) throw new Error('no latency setup');
      return latencyGroup.go(command.args);
    case 'latency-teardown':
      latencyGroup?.teardown();
      latencyGroup = null;
      return {};
    case 'lean-add':
      await lean.add(command.args.wsUrl, command.args.conferences, command.args.chairRoom);
      return {};
    case 'lean-start':
      lean.start(command.args.rate, command.args.presenceHz);
      return {};
    case 'lean-teardown':
      lean.teardown();
      return {};
    case 'flood-start':
      await flood.start(command.args.wsUrl, command.args.room, command.args.connections, command.args.perSecond, command.args.textBytes);
      return {};
    case 'flood-stop':
      flood.stop();
      return {};
    case 'join':
      return join(command.args);
    case 'memory':
      return memory(command.args);
    case 'sampled':
      sampleAcks.get(command.sample)?.();
      sampleAcks.delete(command.sample);
      return undefined;
  }
}

// ---- join time and memory (one process each) ----

export interface JoinArgs {
  target: Target;
  room: PreparedRoom;
  targetBytes: number;
  repetitions: number;
  crowd: number;
  cold: boolean;
}

/** Builds a conference-like document: many items whose text was written and rewritten. */
function seedContent(doc: Y.Doc, from: number, count: number, author: Author): void {
  doc.transact(() => {
    for (let i = from; i < from + count; i++) {
      const id = addCard(doc, { column: COLUMNS[i % 5] as ColumnId, text: `Observation ${i}`, author }).id;
      let text = '';
      for (let edit = 0; edit < 6; edit++) {
        text += `Observation ${i}.${edit}: the family told us about the week and what helped. `.repeat(4);
        editCardText(doc, id, text.slice(0, 2000), author);
      }
    }
  });
}

async function join(s: JoinArgs): Promise<unknown> {
  const { room, token, author } = s.room;
  const seeder = connect(s.target, room, token);
  await seeder.synced;
  let cards = 0;
  while (Y.encodeStateAsUpdate(seeder.doc).byteLength < s.targetBytes) {
    seedContent(seeder.doc, cards, 150, author);
    cards += 150;
    await sleep(20);
  }
  const bytes = Y.encodeStateAsUpdate(seeder.doc).byteLength;
  // Wait until the relay has it all: a fresh client sees every card.
  for (;;) {
    const probe = connect(s.target, room, token);
    await probe.synced;
    const got = probe.doc.getMap('cards').size;
    probe.destroy();
    if (got >= cards) break;
    await sleep(200);
  }
  const timeJoin = async (n: number): Promise<number[]> => {
    const t0 = nowMs();
    const clients = Array.from({ length: n }, () => connect(s.target, room, token));
    const times = await Promise.all(clients.map((c) => c.synced.then(() => nowMs() - t0)));
    clients.forEach((c) => c.destroy());
    return times;
  };
  const alone: number[] = [];
  for (let i = 0; i < s.repetitions; i++) alone.push(...(await timeJoin(1)));
  const crowd = s.crowd > 0 ? await timeJoin(s.crowd) : [];
  const cold: number[] = [];
  seeder.destroy();
  if (s.cold) {
    for (let i = 0; i < s.repetitions; i++) {
      await sleep(300); // the room unloads after the last person leaves
      cold.push(...(await timeJoin(1)));
    }
  }
  return { bytes, cards, alone, crowd, cold };
}

export interface MemoryArgs {
  target: Target;
  conferences: number;
  connections: number;
  soak: number;
}

async function memory(s: MemoryArgs): Promise<unknown> {
  await sleep(1500);
  await sample('baseline');
  // Many loaded conferences, one person in each. The conferences are created first (for ours,
  // through the API), so that what is measured is what an open conference holds in memory.
  const rooms: PreparedRoom[] = [];
  for (let i = 0; i < s.conferences; i++) rooms.push(await prepareRoom(s.target));
  const crowdRoom = await prepareRoom(s.target);
  await sleep(1000);
  await sample('prepared');
  const open: BenchClient[] = [];
  for (const [i, { room, token, author }] of rooms.entries()) {
    const c = connect(s.target, room, token);
    open.push(c);
    await c.synced;
    addCard(c.doc, { column: 'grey', text: `Item ${i}`, author });
  }
  await sleep(1000);
  await sample('conferences');
  open.splice(0).forEach((c) => c.destroy());
  await sleep(1000);
  await sample('after-conferences');
  const crowd = Array.from({ length: s.connections }, () => connect(s.target, crowdRoom.room, crowdRoom.token));
  await Promise.all(crowd.map((c) => c.synced));
  await sleep(1000);
  await sample('connections');
  crowd.forEach((c) => c.destroy());
  // The soak: conferences open and close, a few at a time, in two rounds. RSS after the first
  // round shows what the process keeps (V8 and malloc hold on to pages); the second round shows
  // whether it keeps growing (a leak) or stays level.
  const soakRound = async (): Promise<void> => {
    for (let i = 0; i < s.soak; i += 20) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(20, s.soak - i) }, async () => {
          const r = await prepareRoom(s.target);
          const c = connect(s.target, r.room, r.token);
          await c.synced;
          for (let k = 0; k < 5; k++) addCard(c.doc, { column: 'grey', text: `Item ${k}`, author: r.author });
          return c;
        }),
      );
      await sleep(50);
      batch.forEach((c) => c.destroy());
    }
    await sleep(2000);
  };
  await soakRound();
  await sample('after-soak');
  await soakRound();
  await sample('after-second-soak');
  return {};
}

const input = readline.createInterface({ input: process.stdin });
input.on('line', (line) => {
  let command: Command;
  try {
    command = JSON.parse(line) as Command;
  } catch {
    return;
  }
  handle(command)
    .then((result) => {
      if (command.cmd !== 'sampled') say({ reply: command.id, result });
    })
    .catch((err: unknown) => say({ reply: command.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }));
});
input.on('close', () => process.exit(0));
