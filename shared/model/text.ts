import type * as Y from 'yjs';

/**
 * Replaces the text of a Y.Text with `value` as the smallest edit (one delete and one insert
 * around the common start and end), so that people typing in the same box at once both keep their
 * words. Call inside a transaction when other fields change with it.
 */
export function setSharedText(ytext: Y.Text, value: string): boolean {
  const current = ytext.toString();
  if (current === value) return false;
  let start = 0;
  while (start < current.length && start < value.length && current[start] === value[start]) start++;
  let endCurrent = current.length;
  let endValue = value.length;
  while (endCurrent > start && endValue > start && current[endCurrent - 1] === value[endValue - 1]) {
    endCurrent--;
    endValue--;
  }
  const apply = (): void => {
    if (endCurrent > start) ytext.delete(start, endCurrent - start);
    if (endValue > start) ytext.insert(start, value.slice(start, endValue));
  };
  if (ytext.doc) ytext.doc.transact(apply);
  else apply();
  return true;
}
