import * as Y from 'yjs';
import type { ChairState } from './chair.js';
import { removeCard } from './cards.js';
import { removeDangerPair } from './dangerStatements.js';
import { removeNetworkPerson } from './network.js';
import { removeAction } from './plan.js';
import { readProvenance } from './records.js';
import { removeSafetyPlanEntry } from './safetyPlan.js';
import { agreedKey, boardRoot, type AgreeableRoot } from './schema.js';
import type { Author } from './types.js';
import { removeView } from './views.js';

/** The roots whose records a person adds, and how each is taken off; which the chair settles, and how. */
const CONTRIBUTIONS = [
  { root: 'cards', remove: removeCard, settled: (chair: ChairState, id: string) => chair.confirmed.has(id) },
  { root: 'dangerPairs', remove: removeDangerPair, settled: agreed('dangerPairs') },
  { root: 'actions', remove: removeAction, settled: agreed('actions') },
  { root: 'network', remove: removeNetworkPerson, settled: agreed('network') },
  { root: 'safetyPlan', remove: removeSafetyPlanEntry, settled: () => false },
  { root: 'views', remove: removeView, settled: () => false },
] as const;

function agreed(root: AgreeableRoot): (chair: ChairState, id: string) => boolean {
  return (chair, id) => chair.agreed.has(agreedKey(root, id));
}

/**
 * The chair takes off everything one person added that is not settled yet: their items the chair
 * has not confirmed, their danger statements, actions and people in the network the chair has not
 * marked agreed, their safety plan entries and views. Each is taken off as the chair would take it
 * off by hand (marked removed, changed by the chair), so it can be put back one by one. What the
 * chair confirmed or agreed stays: it is the record. Returns how many records were taken off.
 */
export function removeContributions(doc: Y.Doc, chair: ChairState, participantId: string, by: Author, now: number = Date.now()): number {
  let removed = 0;
  doc.transact(() => {
    for (const { root, remove, settled } of CONTRIBUTIONS) {
      const ids: string[] = [];
      boardRoot(doc, root).forEach((map, id) => {
        if (!(map instanceof Y.Map)) return;
        const p = readProvenance(map as Y.Map<unknown>);
        if (p.addedBy === participantId && !p.removed && !settled(chair, id)) ids.push(id);
      });
      for (const id of ids) remove(doc, id, by, now);
      removed += ids.length;
    }
  });
  return removed;
}
