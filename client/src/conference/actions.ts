import { useMemo } from 'react';
import * as model from '../../../shared/model/index.js';
import {
  getCard,
  isChair,
  mayChangeItem,
  mayChangeRecord,
  mayChangeSafetyPlanEntry,
  mayChangeView,
  mayEditContingency,
  mayProposeChange,
  mayRecommend,
  mayScoreNow,
  readActions,
  readDangerPairs,
  ValidationError,
  type ActionInput,
  type AgreeableRoot,
  type Author,
  type Card,
  type ChairState,
  type ColumnId,
  type NextSteps,
  type Outcome,
  type SafetyPlanSection,
} from '../../../shared/model/index.js';
import type { ConferenceConnection, DocName } from './connection';
import { useConference } from './context';
import { useT } from '../i18n/store';
import type { Translator } from '../i18n/translate';
import type { MessageKey } from '../i18n/types';
import { forFamily, headingOf, validationWords } from '../i18n/words';

/** What an action did: done, refused here with a message for the person, or changed by someone else meanwhile. */
export type ActionResult = { ok: true; id?: string } | { ok: false; message: string; conflict?: Record<string, string> };

const OK: ActionResult = { ok: true };

/**
 * Changes only the fields the person changed since they started editing (`base` → `draft`). When
 * someone else changed one of those fields meanwhile, nothing is written and the other person's
 * words come back as a conflict, unless `force` says to keep this person's words.
 */
function changedFields<T extends Record<string, unknown>>(
  base: T,
  draft: T,
  current: T,
  force: boolean,
): { changes: Partial<T>; conflict: Record<string, string> | null } {
  const changes: Partial<T> = {};
  const conflict: Record<string, string> = {};
  for (const key of Object.keys(draft) as Array<keyof T>) {
    if (JSON.stringify(draft[key]) === JSON.stringify(base[key])) continue;
    changes[key] = draft[key];
    if (!force && JSON.stringify(current[key]) !== JSON.stringify(base[key])) conflict[String(key)] = String(current[key] ?? '');
  }
  return { changes, conflict: Object.keys(conflict).length > 0 ? conflict : null };
}

/** What a change was, for "… was not saved", in the words of the person who made it. */
type Did = Extract<MessageKey, `did.${string}`>;

/**
 * Every change a person can make to the conference, bound to the live documents and to who they
 * are: each checks with the model (which throws a ValidationError with a code, worded here for the
 * person in their language), is remembered until the server has it (so a refused change is never
 * lost without a word), and returns a result instead of throwing. Components call these and never
 * the model directly.
 */
export function conferenceActions(connection: ConferenceConnection, me: Author, i18n: Translator) {
  const family = me.role === 'family';
  const said =
    (key: Exclude<Did, 'did.addItem'>) =>
    (tr: Translator): string =>
      tr.t(forFamily(key, family));
  const run = (
    doc: DocName,
    description: (tr: Translator) => string,
    words: string,
    change: (c: ConferenceConnection) => string,
  ): ActionResult => {
    try {
      const target = change(connection);
      const redo = (c: ConferenceConnection): void => void change(c);
      connection.remember({ doc, description, words, target, redo });
      return target.includes('/') ? { ok: true, id: target.slice(target.indexOf('/') + 1) } : OK;
    } catch (err) {
      return { ok: false, message: err instanceof ValidationError ? validationWords(i18n, err, family) : i18n.t('saving.couldNotSave') };
    }
  };
  const board = (
    description: Exclude<Did, 'did.addItem'> | ((tr: Translator) => string),
    words: string,
    change: (c: ConferenceConnection) => string,
  ): ActionResult => run('board', typeof description === 'string' ? said(description) : description, words, change);
  const chairDoc = (change: (c: ConferenceConnection) => void): ActionResult =>
    run('chair', said('did.chair'), '', (c) => {
      change(c);
      return 'chair';
    });

  return {
    // ---- items on the board ----
    addCard: (column: ColumnId, text: string, beforeId?: string | null, source?: string) =>
      board(
        (tr) => tr.t('did.addItem', { heading: headingOf(tr, column, family) }),
        text,
        (c) => `cards/${model.addCard(c.doc, { column, text, author: me, beforeId, ...(source?.trim() ? { source } : {}) }, Date.now()).id}`,
      ),
    editCard: (id: string, base: string, text: string, force = false): ActionResult => {
      const current = getCard(connection.doc, id)?.text ?? base;
      if (!force && current !== base && current !== text) return { ok: false, message: '', conflict: { text: current } };
      return board('did.editItem', text, (c) => {
        model.editCardText(c.doc, id, text, me);
        return `cards/${id}`;
      });
    },
    moveCard: (id: string, column: ColumnId, beforeId: string | null) =>
      board('did.moveItem', '', (c) => {
        model.moveCard(c.doc, id, column, beforeId, me);
        return `cards/${id}`;
      }),
    shiftCard: (id: string, direction: -1 | 1) =>
      board('did.moveItem', '', (c) => {
        model.shiftCard(c.doc, id, direction, me);
        return `cards/${id}`;
      }),
    removeCard: (id: string) =>
      board('did.removeItem', '', (c) => {
        model.removeCard(c.doc, id, me);
        return `cards/${id}`;
      }),
    restoreCard: (id: string) =>
      board('did.restoreItem', '', (c) => {
        model.restoreCard(c.doc, id, me);
        return `cards/${id}`;
      }),
    setCardChildren: (id: string, children: number[]) =>
      board('did.tagItem', '', (c) => {
        model.setCardChildren(c.doc, id, children, me);
        return `cards/${id}`;
      }),
    proposeChange: (id: string, text: string) =>
      board('did.proposeChange', text, (c) => {
        model.proposeCardChange(c.doc, id, text, me);
        return `cards/${id}`;
      }),
    settleProposal: (id: string, accept: boolean) =>
      board('did.settleProposal', '', (c) => {
        model.settleCardProposal(c.doc, id, accept, me);
        return `cards/${id}`;
      }),

    // ---- the family's network ----
    addNetworkPerson: (input: { name: string; relationship: string; inSafetyNetwork: boolean }) =>
      board('did.addPerson', `${input.name} (${input.relationship})`, (c) => `network/${model.addNetworkPerson(c.doc, input, me)}`),
    updateNetworkPerson: (id: string, change: Partial<{ name: string; relationship: string; inSafetyNetwork: boolean }>) =>
      board('did.changePerson', '', (c) => {
        model.updateNetworkPerson(c.doc, id, change, me);
        return `network/${id}`;
      }),
    setWillDo: (id: string, value: string) =>
      board('did.willDo', value, (c) => {
        model.setWillDo(c.doc, id, value, me);
        return `network/${id}`;
      }),
    removeNetworkPerson: (id: string) =>
      board('did.removePerson', '', (c) => {
        model.removeNetworkPerson(c.doc, id, me);
        return `network/${id}`;
      }),

    // ---- danger statements and safety goals ----
    addPair: (input: { danger: string; goal: string }) =>
      board('did.addPair', `${input.danger}\n${input.goal}`, (c) => `dangerPairs/${model.addDangerPair(c.doc, input, me)}`),
    editPair: (
      id: string,
      base: { danger: string; goal: string },
      draft: { danger: string; goal: string },
      force = false,
    ): ActionResult => {
      const current = readDangerPairs(connection.doc).find((p) => p.id === id) ?? base;
      const { changes, conflict } = changedFields(base, draft, { danger: current.danger, goal: current.goal }, force);
      if (conflict) return { ok: false, message: '', conflict };
      return board('did.editPair', `${draft.danger}\n${draft.goal}`, (c) => {
        model.editDangerPair(c.doc, id, changes, me);
        return `dangerPairs/${id}`;
      });
    },
    removePair: (id: string) =>
      board('did.removePair', '', (c) => {
        model.removeDangerPair(c.doc, id, me);
        return `dangerPairs/${id}`;
      }),

    // ---- the plan ----
    addAction: (input: ActionInput) => board('did.addAction', input.what, (c) => `actions/${model.addAction(c.doc, input, me)}`),
    editAction: (id: string, base: ActionInput, draft: ActionInput, force = false): ActionResult => {
      const current = readActions(connection.doc).find((a) => a.id === id) ?? base;
      const pick = (a: ActionInput): ActionInput => ({
        what: a.what,
        who: a.who,
        byWhen: a.byWhen,
        measure: a.measure,
        pairId: a.pairId,
        children: a.children,
      });
      const { changes, conflict } = changedFields(pick(base), pick(draft), pick(current), force);
      if (conflict) return { ok: false, message: '', conflict };
      return board('did.editAction', draft.what, (c) => {
        model.editAction(c.doc, id, changes, me);
        return `actions/${id}`;
      });
    },
    removeAction: (id: string) =>
      board('did.removeAction', '', (c) => {
        model.removeAction(c.doc, id, me);
        return `actions/${id}`;
      }),

    // ---- a young person's own safety plan ----
    addSafetyPlanEntry: (section: SafetyPlanSection, text: string) =>
      board('did.addPlanEntry', text, (c) => `safetyPlan/${model.addSafetyPlanEntry(c.doc, { section, text }, me)}`),
    editSafetyPlanEntry: (id: string, text: string) =>
      board('did.editPlanEntry', text, (c) => {
        model.editSafetyPlanEntry(c.doc, id, text, me);
        return `safetyPlan/${id}`;
      }),
    removeSafetyPlanEntry: (id: string) =>
      board('did.removePlanEntry', '', (c) => {
        model.removeSafetyPlanEntry(c.doc, id, me);
        return `safetyPlan/${id}`;
      }),

    /** In a review: how far a carried action got since the last conference, with a note. */
    setProgress: (id: string, progress: model.Progress | null, note: string) =>
      board('did.progress', note, (c) => {
        model.setActionProgress(c.doc, id, progress, note, me);
        return `actions/${id}`;
      }),

    // ---- a person's view beside an item, a danger statement or an action ----
    addView: (target: string, text: string) => board('did.addView', text, (c) => `views/${model.addView(c.doc, { target, text }, me)}`),
    removeView: (id: string) =>
      board('did.removeView', '', (c) => {
        model.removeView(c.doc, id, me);
        return `views/${id}`;
      }),

    // ---- contingency, scores, recommendations ----
    setContingency: (value: string) =>
      board('did.contingency', value, (c) => {
        model.setContingency(c.doc, value, me);
        return 'contingency';
      }),
    giveOpenScore: (input: { pairId: string; value: number; nextStep: string }) =>
      board('did.score', input.nextStep, (c) => {
        model.setOpenScore(c.doc, input, me);
        return `scores/${input.pairId}|${me.id}`;
      }),
    enterScoreFor: (input: { pairId: string; value: number; nextStep: string; name: string; roleLabel: string; role: Author['role'] }) =>
      board('did.enterScore', input.nextStep, (c) => {
        model.enterScoreFor(c.doc, input, me);
        return 'scores';
      }),
    setRecommendation: (input: { recommendation: Outcome; reason: string; dissent?: string }) =>
      board('did.recommendation', `${input.reason}\n${input.dissent ?? ''}`.trim(), (c) => {
        model.setRecommendation(c.doc, me, input);
        return `recommendations/${me.id}`;
      }),

    // ---- the chair's ----
    setApologies: (names: string[]) =>
      board('did.apologies', names.join(', '), (c) => {
        model.setApologies(c.doc, names);
        return 'record';
      }),
    updateNextSteps: (change: Partial<NextSteps>) =>
      board('did.nextSteps', '', (c) => {
        model.updateNextSteps(c.doc, change);
        return 'nextSteps';
      }),
    confirm: (cardId: string, confirmed: boolean) => chairDoc((c) => model.setConfirmed(c.chairDoc, cardId, confirmed)),
    dispute: (cardId: string) => {
      const moved = board('did.moveItem', '', (c) => {
        model.moveCard(c.doc, cardId, 'grey', null, me);
        return `cards/${cardId}`;
      });
      return moved.ok ? chairDoc((c) => model.setDisputed(c.chairDoc, cardId, true)) : moved;
    },
    agree: (key: string, agreed: boolean) => chairDoc((c) => model.setAgreed(c.chairDoc, key, agreed)),
    setStage: (stage: model.StageId) => chairDoc((c) => model.setStage(c.chairDoc, stage)),
    startTimer: () => chairDoc((c) => model.startTimer(c.chairDoc)),
    stopTimer: () => chairDoc((c) => model.stopTimer(c.chairDoc)),
    setTimerHidden: (hidden: boolean) => chairDoc((c) => model.setTimerHidden(c.chairDoc, hidden)),
    updateSettings: (change: Partial<model.ChairSettings>) => chairDoc((c) => model.updateSettings(c.chairDoc, change)),
    setEveryoneMayScore: (value: boolean) => chairDoc((c) => model.setEveryoneMayScore(c.chairDoc, value)),
    recordDecision: (decision: { outcome: Outcome; categories: string[]; rationale: string }) =>
      chairDoc((c) => model.recordDecision(c.chairDoc, decision)),
  };
}

export type ConferenceActions = ReturnType<typeof conferenceActions>;

/** What the person at the screen may do: the server's own rules, so the screen offers only that. */
export function permissions(me: Author, chair: ChairState, readOnly: boolean, lead = false) {
  const who = { id: me.id, role: me.role, lead };
  const open = !readOnly;
  return {
    isChair: open && isChair(who),
    /** The chair confirms items and marks records agreed, once the meeting is open (not while it is prepared). */
    settle: open && isChair(who) && !chair.preparing,
    changeItem: (card: Card): boolean => open && mayChangeItem(card, who, chair),
    proposeChange: (card: Card): boolean => open && mayProposeChange(card, who, chair),
    changeRecord: (root: AgreeableRoot, record: { id: string; addedBy: { id: string } }): boolean =>
      open && mayChangeRecord(root, record, who, chair),
    editContingency: open && mayEditContingency(who, chair),
    scoreNow: open && mayScoreNow(me.role, chair),
    recommend: open && mayRecommend(who, chair),
    changeView: (view: { addedBy: { id: string } }): boolean => open && mayChangeView(view, who),
    changeSafetyPlanEntry: (entry: { addedBy: { id: string } }): boolean => open && mayChangeSafetyPlanEntry(entry, who, chair),
    /** The lead social worker or the chair, while the conference is being prepared. */
    draft: open && chair.preparing && (lead || who.role === 'chair'),
  };
}

export type Permissions = ReturnType<typeof permissions>;

/** The actions and permissions of the person at this screen. */
export function useConferenceActions(): { act: ConferenceActions; can: Permissions } {
  const { connection, author, chair, readOnly, lead } = useConference();
  const i18n = useT();
  const act = useMemo(() => conferenceActions(connection, author, i18n), [connection, author, i18n]);
  const can = useMemo(() => permissions(author, chair, readOnly, lead), [author, chair, readOnly, lead]);
  return { act, can };
}
