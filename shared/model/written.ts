import type * as Y from 'yjs';
import { allCards } from './cards.js';
import { readContingency } from './contingency.js';
import { readDangerPairs } from './dangerStatements.js';
import { readActions } from './plan.js';
import { readRecommendations } from './recommendations.js';

/** Every text people wrote in the board document, with the context the wording check needs. */
export function writtenTexts(doc: Y.Doc): Array<{ text: string; context: 'general' | 'danger' }> {
  const out: Array<{ text: string; context: 'general' | 'danger' }> = [];
  for (const card of allCards(doc)) if (!card.removed) out.push({ text: card.text, context: card.column === 'danger' ? 'danger' : 'general' });
  for (const p of readDangerPairs(doc)) out.push({ text: p.danger, context: 'danger' }, { text: p.goal, context: 'general' });
  for (const a of readActions(doc)) out.push({ text: a.what, context: 'general' }, { text: a.measure, context: 'general' });
  for (const r of readRecommendations(doc)) out.push({ text: r.reason, context: 'general' }, { text: r.dissent, context: 'general' });
  out.push({ text: readContingency(doc), context: 'general' });
  return out;
}
