import { describe, expect, it } from 'vitest';
import { cleanUpMargin, WriteLimits, type MeasuredDocument } from '../relay/limits.js';

/** A document of a given size, as the room counts and measures it. */
function documentOf(bytes: number): MeasuredDocument & { bytes: number } {
  return {
    bytes,
    get documentBytes() {
      return this.bytes;
    },
    measureDocument() {
      return this.bytes;
    },
  };
}

const update = (size: number): Uint8Array => new Uint8Array(size);
const grows = { created: [], grows: true };
const cleanUp = { created: [], grows: false };

describe('the limits on what people write into a document (pure logic)', () => {
  it('a full document refuses what grows it, and takes clean-ups up to a margin past the limit', () => {
    const limits = new WriteLimits({ maxDocumentBytes: 100_000, maxPersonBytes: 10_000_000, recordsPerMinute: 60 });
    const doc = documentOf(99_900);
    expect(limits.admit(doc, 'p1', update(50), grows)).toBeNull();
    expect(limits.admit(doc, 'p1', update(200), grows)).toEqual({ code: 'document-full', where: 'document' });
    expect(limits.admit(doc, 'p1', update(200), cleanUp)).toBeNull();
    doc.bytes = 100_000 + cleanUpMargin(100_000) - 10;
    expect(limits.admit(doc, 'p1', update(200), cleanUp)).toEqual({ code: 'document-full', where: 'document' });
  });

  it('each person’s share: what grows the document is refused past it, clean-ups are not; others are not affected', () => {
    const limits = new WriteLimits({ maxDocumentBytes: 10_000_000, maxPersonBytes: 1000, recordsPerMinute: 60 });
    const doc = documentOf(0);
    expect(limits.admit(doc, 'p1', update(900), grows)).toBeNull();
    expect(limits.admit(doc, 'p1', update(200), grows)).toEqual({ code: 'quota', where: 'document' });
    expect(limits.admit(doc, 'p1', update(200), cleanUp)).toBeNull();
    expect(limits.admit(doc, 'p2', update(900), grows)).toBeNull();
  });

  it('records added: half a minute’s worth at once, then refused with the first record it names', () => {
    const limits = new WriteLimits({ maxDocumentBytes: 10_000_000, maxPersonBytes: 10_000_000, recordsPerMinute: 60 });
    const doc = documentOf(0);
    for (let i = 0; i < 30; i++) expect(limits.admit(doc, 'p1', update(10), { created: [`cards/c${i}`], grows: true })).toBeNull();
    expect(limits.admit(doc, 'p1', update(10), { created: ['cards/late', 'cards/later'], grows: true })).toEqual({
      code: 'too-fast',
      where: 'cards/late',
    });
    expect(limits.admit(doc, 'p2', update(10), { created: ['cards/theirs'], grows: true })).toBeNull();
  });
});
