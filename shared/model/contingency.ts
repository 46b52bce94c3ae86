import type * as Y from 'yjs';
import { boardRoot } from './schema.js';
import { setSharedText } from './text.js';
import type { Author } from './types.js';
import { LIMITS, ValidationError } from './validation.js';

/**
 * The contingency plan (stage 6): one shared text that everyone in the room may write until the
 * chair marks it agreed; after that only the chair. `contingencyInfo` keeps who changed it last.
 */
export function contingencyText(doc: Y.Doc): Y.Text {
  return boardRoot(doc, 'contingency');
}

export function readContingency(doc: Y.Doc): string {
  return contingencyText(doc).toString();
}

export function readContingencyChange(doc: Y.Doc): { changedBy: string; changedAt: number } | null {
  const info = boardRoot(doc, 'contingencyInfo');
  const by = info.get('changedBy');
  const at = info.get('changedAt');
  return typeof by === 'string' && typeof at === 'number' ? { changedBy: by, changedAt: at } : null;
}

/** Writes what someone typed as the smallest edit (so two people typing keep both), with who changed it. */
export function setContingency(doc: Y.Doc, value: string, by: Author, now: number = Date.now()): void {
  if (value.length > LIMITS.contingency) {
    throw new ValidationError('contingency', 'too-long', { what: 'the contingency plan', max: LIMITS.contingency });
  }
  doc.transact(() => {
    if (!setSharedText(contingencyText(doc), value)) return;
    const info = boardRoot(doc, 'contingencyInfo');
    info.set('changedBy', by.id);
    info.set('changedAt', now);
  });
}

/** Points out a contingency plan that says only "seek legal advice". */
export function contingencyWarning(value: string): string | null {
  const t = value
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, '');
  if (t === '') return null;
  const onlyLegal =
    /^(the local authority (will|would) |we will |social care will |to )?(seek|get|take) legal advice( (will be sought|from legal))?$/.test(
      t,
    ) ||
    (t.length < 60 && /legal advice/.test(t) && !/because|if|so that|which could|could lead|court/.test(t));
  return onlyLegal
    ? '"Seek legal advice" alone is not a contingency plan. Say what would happen, why, and what it could lead to, in words the family understands.'
    : null;
}
