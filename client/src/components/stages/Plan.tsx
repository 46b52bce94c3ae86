import { useId, useState } from 'react';
import {
  readActions,
  readDangerPairs,
  readNetwork,
  smartCheck,
  type Action,
  type ActionInput,
  type NetworkPerson,
  type SmartIssue,
} from '../../../../shared/model/index.js';
import { useConferenceActions, type ActionResult } from '../../conference/actions';
import { useConference } from '../../conference/context';
import { useDocJson, usePresence } from '../../conference/hooks';
import { useT } from '../../i18n/store';
import { forFamily, roleOf, smartWords } from '../../i18n/words';
import type { Translator } from '../../i18n/translate';
import { ConflictNotice } from '../ConflictNotice';
import { LanguageHints } from '../LanguageHints';
import { AgreedControls } from './AgreedControls';
import { SafetyPlan } from './SafetyPlan';
import { OriginLine, ViewsBeside } from '../across/Notes';
import { ActionProgress } from '../across/ActionProgress';

const EMPTY: ActionInput = { what: '', who: '', byWhen: '', measure: '', pairId: null, children: [] };

/** The SMART hints of an action, in the screen's language. */
function SmartHints({ issues, i18n, live = false }: { issues: SmartIssue[]; i18n: Translator; live?: boolean }): React.JSX.Element | null {
  if (issues.length === 0) return null;
  return (
    <ul className="smart-hints" aria-live={live ? 'polite' : undefined} aria-label={i18n.t('plan.hints')}>
      {issues.map((issue, n) => {
        const { message, fix } = smartWords(i18n, issue);
        return (
          <li key={n}>
            {message} {fix}
          </li>
        );
      })}
    </ul>
  );
}

export function Plan(): React.JSX.Element {
  const { t } = useT();
  const { connection, author, readOnly } = useConference();
  const { act } = useConferenceActions();
  const actions = useDocJson(connection.doc, readActions);
  const network = useDocJson(connection.doc, readNetwork);
  const family = author.role === 'family';
  // In a young person's conference the plan stage is the young person's own safety plan.
  const youngPerson = useConference().details?.kind === 'young-person';
  if (youngPerson) return <SafetyPlan />;
  return (
    <div className="stage-view">
      <h2>{t(forFamily('plan.title', family))}</h2>
      <ol className="actions" data-testid="actions">
        {actions.map((a) => (
          <ActionView key={a.id} action={a} />
        ))}
      </ol>
      {actions.length === 0 && <p className="muted">{t('plan.none')}</p>}
      {!readOnly && <ActionForm save={(draft) => act.addAction(draft)} />}
      <SafetyNetwork network={network} />
    </div>
  );
}

/** The safety network: the people ticked in stage 1, and what each will do. */
export function SafetyNetwork({ network }: { network: NetworkPerson[] }): React.JSX.Element {
  const { t } = useT();
  const family = useConference().author.role === 'family';
  return (
    <section aria-labelledby="safety-network-h">
      <h3 id="safety-network-h">{t('plan.network')}</h3>
      <p className="muted">{t(forFamily('plan.networkHelp', family))}</p>
      <ul className="network">
        {network
          .filter((p) => p.inSafetyNetwork)
          .map((p) => (
            <li key={p.id}>
              <span>
                <strong>
                  <bdi>{p.name}</bdi>
                </strong>
                {t('common.listSeparator')}
                <bdi>{p.relationship}</bdi>
              </span>
              <SafetyNetworkRole person={p} />
              <AgreedControls root="network" record={p} label={p.name} />
            </li>
          ))}
      </ul>
    </section>
  );
}

/**
 * What someone in the safety network will do: one live text, so the person who added them and the
 * chair see each other's words as they type, and nobody's words are saved over by a field they did
 * not touch. Others read it.
 */
function SafetyNetworkRole({ person }: { person: NetworkPerson }): React.JSX.Element {
  const { t } = useT();
  const { act, can } = useConferenceActions();
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  if (!can.changeRecord('network', person))
    return (
      <p data-testid="will-do" dir="auto">
        {person.willDo || t('plan.notSaid')}
      </p>
    );
  return (
    <div className="inline-form will-do">
      <label htmlFor={id}>{t('plan.willDo', { name: person.name })}</label>
      <textarea
        id={id}
        rows={3}
        dir="auto"
        className="grows"
        value={person.willDo}
        onChange={(e) => {
          const r = act.setWillDo(person.id, e.target.value);
          setError(r.ok ? null : r.message);
        }}
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function ActionView({ action }: { action: Action }): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const { connection, details, author } = useConference();
  const { act, can } = useConferenceActions();
  const family = author.role === 'family';
  const pairs = useDocJson(connection.doc, readDangerPairs);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const issues = smartCheck(action, details?.date ?? '');
  const mayChange = can.changeRecord('actions', action);
  if (editing && mayChange)
    return (
      <li className="action">
        <ActionForm
          action={action}
          save={(draft, force) => act.editAction(action.id, action, draft, force)}
          onDone={() => setEditing(false)}
        />
      </li>
    );
  const pairIndex = pairs.findIndex((p) => p.id === action.pairId);
  return (
    <li className="action">
      <p className="action-what" dir="auto">
        {action.what}
      </p>
      <dl className="action-facts">
        <dt>{t('plan.who')}</dt>
        <dd dir="auto">{action.who || t('common.notGiven')}</dd>
        <dt>{t('plan.byWhen')}</dt>
        <dd>{action.byWhen ? i18n.date(action.byWhen) : t('common.notGiven')}</dd>
        <dt>{t('plan.measure')}</dt>
        <dd dir="auto">{action.measure || t('common.notGiven')}</dd>
        {pairIndex >= 0 && (
          <>
            <dt>{t('plan.for')}</dt>
            <dd>{t(forFamily('danger.statement', family), { n: pairIndex + 1 })}</dd>
          </>
        )}
        {action.children.length > 0 && (
          <>
            <dt>{t('plan.forChild')}</dt>
            <dd dir="auto">{i18n.list(action.children.map((c) => details?.children[c]?.name ?? ''))}</dd>
          </>
        )}
      </dl>
      <SmartHints issues={issues} i18n={i18n} />
      <OriginLine origin={action.origin} />
      <ActionProgress action={action} />
      <ViewsBeside target={`actions/${action.id}`} label={action.what.slice(0, 60)} />
      <AgreedControls root="actions" record={action} label={action.what.slice(0, 60)} />
      {mayChange && (
        <div className="buttons">
          <button type="button" onClick={() => setEditing(true)}>
            {t('common.edit')}
          </button>
          <button
            type="button"
            onClick={() => {
              const r = act.removeAction(action.id);
              setError(r.ok ? null : r.message);
            }}
          >
            {t('common.remove')}
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

export function ActionForm({
  action,
  save,
  onDone,
}: {
  action?: Action;
  save: (draft: ActionInput, force: boolean) => ActionResult;
  onDone?: () => void;
}): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const { connection, details, author } = useConference();
  const family = author.role === 'family';
  const pairs = useDocJson(connection.doc, readDangerPairs);
  const people = usePresence(connection);
  const [draft, setDraft] = useState<ActionInput>(action ? { ...action } : EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [theirs, setTheirs] = useState<Record<string, string> | null>(null);
  const submit = (force = false): void => {
    const result = save(draft, force);
    if (result.ok) {
      setDraft(EMPTY);
      setError(null);
      setTheirs(null);
      onDone?.();
    } else if (result.conflict) setTheirs(result.conflict);
    else setError(result.message);
  };
  const ids = { what: useId(), who: useId(), when: useId(), measure: useId(), pair: useId(), list: useId() };
  const issues = draft.what.trim() ? smartCheck(draft, details?.date ?? '') : [];
  const set = (change: Partial<ActionInput>): void => setDraft((d) => ({ ...d, ...change }));
  return (
    <form
      className="action-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3>{t(action ? 'plan.editTitle' : 'plan.addTitle')}</h3>
      <label htmlFor={ids.what}>{t('plan.what')}</label>
      <textarea id={ids.what} rows={2} dir="auto" value={draft.what} onChange={(e) => set({ what: e.target.value })} />
      <LanguageHints text={draft.what} onChange={(what) => set({ what })} author={action?.addedBy.role} />
      <label htmlFor={ids.who}>{t('plan.whoWill')}</label>
      <input id={ids.who} dir="auto" list={ids.list} value={draft.who} onChange={(e) => set({ who: e.target.value })} />
      <datalist id={ids.list}>
        {people.map((p) => (
          <option key={p.clientId} value={`${p.name} (${p.roleLabel})`}>
            {t('common.nameWithRole', { name: p.name, role: roleOf(i18n, p.roleLabel) })}
          </option>
        ))}
      </datalist>
      <label htmlFor={ids.when}>{t('plan.byWhen')}</label>
      <input id={ids.when} type="date" value={draft.byWhen} onChange={(e) => set({ byWhen: e.target.value })} />
      <label htmlFor={ids.measure}>{t('plan.measure')}</label>
      <textarea id={ids.measure} rows={2} dir="auto" value={draft.measure} onChange={(e) => set({ measure: e.target.value })} />
      <label htmlFor={ids.pair}>{t(forFamily('plan.whichPair', family))}</label>
      <select id={ids.pair} value={draft.pairId ?? ''} onChange={(e) => set({ pairId: e.target.value || null })}>
        <option value="">{t('common.none')}</option>
        {pairs.map((p, i) => (
          <option key={p.id} value={p.id}>
            {t(forFamily('danger.statement', family), { n: i + 1 })}
          </option>
        ))}
      </select>
      {details && details.children.length > 1 && (
        <fieldset>
          <legend>{t('plan.forChild')}</legend>
          {details.children.map((c, i) => (
            <label key={i} className="choice">
              <input
                type="checkbox"
                checked={draft.children.includes(i)}
                onChange={(e) => set({ children: e.target.checked ? [...draft.children, i] : draft.children.filter((x) => x !== i) })}
              />
              <bdi>{c.name}</bdi>
            </label>
          ))}
        </fieldset>
      )}
      <SmartHints issues={issues} i18n={i18n} live />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {theirs && (
        <ConflictNotice
          what={t('conflict.action')}
          theirs={Object.values(theirs)}
          keepMine={() => submit(true)}
          keepTheirs={() => onDone?.()}
        />
      )}
      <div className="buttons">
        <button type="submit" className="primary">
          {t(action ? 'plan.saveAction' : 'plan.addAction')}
        </button>
        {onDone && (
          <button type="button" onClick={onDone}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
