import type * as Y from 'yjs';
import { allCards } from './cards.js';
import { readContingency } from './contingency.js';
import { readDangerPairs } from './dangerStatements.js';
import { readActions } from './plan.js';
import { offersHints } from './language.js';
import { readRecommendations } from './recommendations.js';
import type { AccessRole } from './types.js';

/**
 * Every text professionals wrote in the board document, with the context the wording check needs.
 * What the family wrote (items, danger statements, actions, a young person's safety plan) is theirs
 * and never gets wording hints (see offersHints).
 */
export function writtenTexts(doc: Y.Doc): Array<{ text: string; context: 'general' | 'danger' }> {
  const out: Array<{ text: string; context: 'general' | 'danger' }> = [];
  const theirs = (role: AccessRole): boolean => !offersHints(role);
  for (const card of allCards(doc))
    if (!card.removed && !theirs(card.author.role)) out.push({ text: card.text, context: card.column === 'danger' ? 'danger' : 'general' });
  for (const p of readDangerPairs(doc)) if (!theirs(p.addedBy.role)) out.push({ text: p.danger, context: 'danger' }, { text: p.goal, context: 'general' });
  for (const a of readActions(doc)) if (!theirs(a.addedBy.role)) out.push({ text: a.what, context: 'general' }, { text: a.measure, context: 'general' });
  for (const r of readRecommendations(doc)) out.push({ text: r.reason, context: 'general' }, { text: r.dissent, context: 'general' });
  out.push({ text: readContingency(doc), context: 'general' });
  return out;
}
