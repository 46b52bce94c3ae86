import type * as Y from 'yjs';
import { boardRoot } from './schema.js';
import { cleanNameList, cleanOptionalDate, LIMITS, ValidationError } from './validation.js';

/** Next steps (stage 8), written by the chair: the core group and the dates that follow the conference. */
export interface NextSteps {
  coreGroup: string[];
  firstCoreGroup: string;
  visitEveryWorkingDays: number | null;
  review: string;
}

export function readNextSteps(doc: Y.Doc): NextSteps {
  const m = boardRoot(doc, 'nextSteps');
  const core = m.get('coreGroup');
  const visits = m.get('visitEveryWorkingDays');
  const str = (key: string): string => (typeof m.get(key) === 'string' ? (m.get(key) as string) : '');
  return {
    coreGroup: Array.isArray(core) ? core.filter((c): c is string => typeof c === 'string') : [],
    firstCoreGroup: str('firstCoreGroup'),
    visitEveryWorkingDays: typeof visits === 'number' ? visits : null,
    review: str('review'),
  };
}

export function updateNextSteps(doc: Y.Doc, change: Partial<NextSteps>): void {
  const clean: Partial<NextSteps> = {};
  if (change.coreGroup !== undefined) clean.coreGroup = cleanNameList(change.coreGroup, LIMITS.coreGroupEntry, LIMITS.coreGroup);
  if (change.firstCoreGroup !== undefined) clean.firstCoreGroup = cleanOptionalDate('firstCoreGroup', change.firstCoreGroup);
  if (change.review !== undefined) clean.review = cleanOptionalDate('review', change.review);
  if (change.visitEveryWorkingDays !== undefined) {
    const v = change.visitEveryWorkingDays;
    if (v !== null && (!Number.isInteger(v) || v < 1 || v > 60))
      throw new ValidationError('visitEveryWorkingDays', 'visits-range', { min: 1, max: 60 });
    clean.visitEveryWorkingDays = v;
  }
  doc.transact(() => {
    const m = boardRoot(doc, 'nextSteps');
    for (const [key, value] of Object.entries(clean)) m.set(key, value);
  });
}
