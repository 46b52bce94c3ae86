import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { amendmentDeadline, cleanAmendmentInput, mayAskForChanges, ukDate } from './amendments.js';
import { initChairDoc } from './chair.js';
import { addCard, editCardText } from './cards.js';
import { writeConferenceDetails } from './details.js';
import { initConferenceDoc } from './doc.js';
import { conferenceSnapshot } from './snapshot.js';
import type { Author } from './types.js';
import { partsChanged, recordParts } from './versions.js';

const at = (iso: string): number => Date.parse(iso);

describe('the deadline to ask for changes', () => {
  it('is five working days after the day the meeting ended', () => {
    // Tuesday 24 November 2026 → Tuesday 1 December 2026.
    expect(amendmentDeadline(at('2026-11-24T14:00:00Z'))).toBe('2026-12-01');
  });

  it('skips Christmas, Boxing Day (moved to Monday) and New Year’s Day', () => {
    // Wednesday 23 December 2026: Thu 24, Tue 29, Wed 30, Thu 31, then Friday 1 January is a bank holiday: Monday 4 January.
    expect(amendmentDeadline(at('2026-12-23T15:00:00Z'))).toBe('2027-01-04');
  });

  it('skips Easter: a meeting on Maundy Thursday', () => {
    // Thursday 2 April 2026; Good Friday 3 April and Easter Monday 6 April are bank holidays.
    expect(amendmentDeadline(at('2026-04-02T10:00:00Z'))).toBe('2026-04-13');
  });

  it('counts days in UK time: a meeting ending at 00:30 British Summer Time is on that day', () => {
    expect(ukDate(at('2026-06-01T23:30:00Z'))).toBe('2026-06-02');
    expect(ukDate(at('2026-12-01T23:30:00Z'))).toBe('2026-12-01');
  });

  it('is open until the end of the deadline day, and closed from the next', () => {
    const ended = at('2026-11-24T14:00:00Z');
    expect(mayAskForChanges(ended, at('2026-11-24T14:05:00Z'))).toBe(true);
    expect(mayAskForChanges(ended, at('2026-12-01T23:59:00Z'))).toBe(true);
    expect(mayAskForChanges(ended, at('2026-12-02T00:00:01Z'))).toBe(false);
  });
});

describe('parts of the record and what changed between versions', () => {
  const mum: Author = { id: 'mum-000001', name: 'Amira', roleLabel: 'Mum', role: 'family' };
  const chair: Author = { id: 'chair-00001', name: 'Ruth', roleLabel: 'Chair', role: 'chair' };
  const make = (): { doc: Y.Doc; chairDoc: Y.Doc } => {
    const doc = new Y.Doc();
    initConferenceDoc(doc, 1);
    writeConferenceDetails(doc, {
      kind: 'initial',
      date: '2026-11-24',
      caseReference: 'CP-1',
      chairName: 'Ruth',
      children: [{ name: 'Zoë', age: 7 }],
    });
    const chairDoc = new Y.Doc();
    initChairDoc(chairDoc);
    return { doc, chairDoc };
  };

  it('a request names a part of the record, says what is wrong, and may say what it should say', () => {
    const { doc, chairDoc } = make();
    const { id } = addCard(doc, { column: 'strengths', text: 'Mum walks Zoë to school', author: mum });
    const parts = recordParts(conferenceSnapshot(doc, chairDoc));
    expect(parts.find((p) => p.key === `cards/${id}`)).toEqual({ key: `cards/${id}`, kind: 'item', text: 'Mum walks Zoë to school' });
    expect(cleanAmendmentInput({ part: `cards/${id}`, wrong: '  I walk her every day ', shouldSay: '' }, parts)).toEqual({
      part: `cards/${id}`,
      wrong: 'I walk her every day',
      shouldSay: '',
    });
    expect(() => cleanAmendmentInput({ part: 'cards/nope00000', wrong: 'x' }, parts)).toThrow('Choose the part');
    expect(() => cleanAmendmentInput({ part: `cards/${id}`, wrong: '   ' }, parts)).toThrow('Please write what is wrong');
  });

  it('lists each part changed, added or taken out, and nothing else', () => {
    const { doc, chairDoc } = make();
    const { id } = addCard(doc, { column: 'strengths', text: 'Mum walks Zoë to school', author: mum });
    const other = addCard(doc, { column: 'danger', text: 'Zoë was late nine times', author: mum }).id;
    const before = conferenceSnapshot(doc, chairDoc);
    editCardText(doc, id, 'Mum walks Zoë to school every day', chair);
    const after = conferenceSnapshot(doc, chairDoc);
    expect(partsChanged(before, after)).toEqual([
      { part: `cards/${id}`, kind: 'item', before: 'Mum walks Zoë to school', after: 'Mum walks Zoë to school every day' },
    ]);
    expect(partsChanged(before, before)).toEqual([]);
    expect(recordParts(after).some((p) => p.key === `cards/${other}`)).toBe(true);
  });
});
