import * as Y from 'yjs';
import { writerOf, type Refusal } from '../../shared/model/index.js';
import { TokenBucket } from './rate.js';

/**
 * The document updates all connections to one conference (both its documents) may send together,
 * in bytes and in number: each is checked against the rules, applied, stored and relayed to
 * everyone, which is what costs the server. Past it, the server reads from them more slowly (each
 * connection waits, its socket paused, until the budget has refilled): nobody is cut off, and a
 * conference that floods the relay gets no more of the server's time than this, so other
 * conferences do not slow down. Other messages (presence, the echoes stock clients send, sync
 * requests) cost little or are limited per connection, and do not count here: a large meeting's
 * presence never waits behind it.
 */
export class ConferenceBudget {
  private readonly bytes: TokenBucket;
  private readonly updates: TokenBucket;

  constructor(limits: { conferenceBytesPerSecond: number; conferenceUpdatesPerSecond: number; maxMessageBytes: number }) {
    this.bytes = new TokenBucket(
      limits.conferenceBytesPerSecond,
      Math.max(limits.conferenceBytesPerSecond * 4, limits.maxMessageBytes * 2),
    );
    this.updates = new TokenBucket(limits.conferenceUpdatesPerSecond, limits.conferenceUpdatesPerSecond * 4);
  }

  /** Takes a document update of `size` bytes and returns 0, or says how many milliseconds to wait first (nothing taken). */
  take(size: number): number {
    const wait = Math.max(this.bytes.waitFor(size), this.updates.waitFor(1));
    if (wait > 0) return wait;
    this.bytes.spend(size);
    this.updates.spend(1);
    return 0;
  }
}

/** Whether a binary message is a document update (sync step 2 or update), from its first two bytes. */
export function isDocumentUpdate(message: Uint8Array): boolean {
  return message.byteLength > 1 && message[0] === 0 && (message[1] === 1 || message[1] === 2);
}

export interface WriteLimitOptions {
  maxDocumentBytes: number;
  maxPersonBytes: number;
  recordsPerMinute: number;
}

/** A document's size as the room knows it: a running count, and a real measure (costly). */
export interface MeasuredDocument {
  readonly documentBytes: number;
  measureDocument(): number;
}

/** What the check said of an update: the records it creates and whether it can grow the document. */
export interface CheckedChange {
  created: readonly string[];
  grows: boolean;
}

/** The document is measured for real at most this often (it costs a full encoding of it). */
const MEASURE_EVERY_MS = 1000;

/** How far past MAX_DOCUMENT_BYTES clean-ups may take a document: a quarter more (at least 64 KiB). */
export const cleanUpMargin = (maxDocumentBytes: number): number => Math.max(Math.floor(maxDocumentBytes / 4), 64 * 1024);

/**
 * The limits on what people write into one document, applied after an update passed the rules:
 * - the document's size (`MAX_DOCUMENT_BYTES`),
 * - each person's share of it (`MAX_PERSON_BYTES`: what they had in it when it was loaded, and
 *   every byte they sent since),
 * - how fast each person adds records (`RECORDS_PER_MINUTE`).
 * An update that cannot grow the document (taking things off, deleting, shortening) passes the share
 * even when it is used up, and the size limit up to a margin past it (a quarter more), so a full
 * document can always be cleaned up. Refusals are worded as the rules' are, so our client starts
 * again from the server's copy and tells the person what was not saved.
 */
export class WriteLimits {
  private readonly sent = new Map<string, number>();
  private readonly adding = new Map<string, TokenBucket>();
  private measuredAt = 0;

  constructor(private readonly options: WriteLimitOptions) {}

  /** Counts what each person has in the document as it was loaded (by the Yjs client ids they registered). */
  countLoaded(doc: Y.Doc): void {
    for (const [person, bytes] of contentBytesByWriter(doc)) this.sent.set(person, (this.sent.get(person) ?? 0) + bytes);
  }

  /** What `person` has added to this document, as counted. */
  added(person: string): number {
    return this.sent.get(person) ?? 0;
  }

  /** Refuses an update that would break a limit; otherwise counts it and returns null. */
  admit(doc: MeasuredDocument, person: string, update: Uint8Array, change: CheckedChange): Refusal | null {
    const size = update.byteLength;
    if (change.grows && this.added(person) + size > this.options.maxPersonBytes) return { code: 'quota', where: 'document' };
    // A clean-up passes a full document, up to a margin: even taking things off leaves a few bytes
    // of history behind (Yjs keeps a trace of what was deleted), so endless clean-ups cannot grow
    // the document without bound either.
    const limit = change.grows
      ? this.options.maxDocumentBytes
      : this.options.maxDocumentBytes + cleanUpMargin(this.options.maxDocumentBytes);
    if (doc.documentBytes + size > limit) {
      // The running count only grows (overwritten text is counted too): measure for real, now and then.
      const now = Date.now();
      let bytes = doc.documentBytes;
      if (now - this.measuredAt >= MEASURE_EVERY_MS) {
        this.measuredAt = now;
        bytes = doc.measureDocument();
      }
      if (bytes + size > limit) return { code: 'document-full', where: 'document' };
    }
    if (change.created.length > 0) {
      let bucket = this.adding.get(person);
      if (!bucket) {
        const perMinute = this.options.recordsPerMinute;
        bucket = new TokenBucket(perMinute / 60, Math.max(1, Math.floor(perMinute / 2)));
        this.adding.set(person, bucket);
      }
      if (!bucket.take(change.created.length)) return { code: 'too-fast', where: change.created[0] ?? 'document' };
    }
    this.sent.set(person, this.added(person) + size);
    return null;
  }
}

/** About how many bytes an item's content takes. */
function contentBytes(content: Y.Item['content']): number {
  if (content instanceof Y.ContentString) return content.str.length;
  if (content instanceof Y.ContentAny) return JSON.stringify(content.arr)?.length ?? 0;
  if (content instanceof Y.ContentBinary) return content.content.byteLength;
  return 8;
}

/**
 * What each person has in a document: the live content written under the Yjs client ids registered
 * to them (the board's `writers`), about as many bytes as it takes. Deleted content is not counted.
 * Work is proportional to the document; done once, when it is loaded.
 */
export function contentBytesByWriter(doc: Y.Doc): Map<string, number> {
  const out = new Map<string, number>();
  for (const [client, structs] of doc.store.clients) {
    const owner = writerOf(doc, client);
    if (owner === null || owner === 'server') continue;
    let bytes = 0;
    for (const struct of structs) if (struct instanceof Y.Item && !struct.deleted) bytes += contentBytes(struct.content) + 8;
    out.set(owner, (out.get(owner) ?? 0) + bytes);
  }
  return out;
}
