import { useId, useState } from 'react';
import { readActions, readDangerPairs, readNetwork, smartCheck, type Action, type ActionInput, type NetworkPerson } from '../../../../shared/model/index.js';
import { useConferenceActions, type ActionResult } from '../../conference/actions';
import { useConference } from '../../conference/context';
import { useDocJson, usePresence } from '../../conference/hooks';
import { ConflictNotice } from '../ConflictNotice';
import { LanguageHints } from '../LanguageHints';
import { AgreedControls } from './AgreedControls';

const EMPTY: ActionInput = { what: '', who: '', byWhen: '', measure: '', pairId: null, children: [] };

export function Plan(): React.JSX.Element {
  const { connection, author, readOnly } = useConference();
  const { act } = useConferenceActions();
  const actions = useDocJson(connection.doc, readActions);
  const network = useDocJson(connection.doc, readNetwork);
  const family = author.role === 'family';
  return (
    <div className="stage-view">
      <h2>{family ? 'The plan: who does what, by when' : 'The plan'}</h2>
      <ol className="actions" data-testid="actions">
        {actions.map((a) => (
          <ActionView key={a.id} action={a} />
        ))}
      </ol>
      {actions.length === 0 && <p className="muted">No actions yet.</p>}
      {!readOnly && <ActionForm save={(draft) => act.addAction(draft)} />}
      <section aria-labelledby="safety-network-h">
        <h3 id="safety-network-h">The safety network</h3>
        <p className="muted">The people who will help keep the children safe, and what each will do. Add people in stage 1.</p>
        <ul className="network">
          {network
            .filter((p) => p.inSafetyNetwork)
            .map((p) => (
              <li key={p.id}>
                <strong>{p.name}</strong>, {p.relationship}
                <SafetyNetworkRole person={p} />
                <AgreedControls root="network" record={p} label={p.name} />
              </li>
            ))}
        </ul>
      </section>
    </div>
  );
}

/**
 * What someone in the safety network will do: one live text, so the person who added them and the
 * chair see each other's words as they type, and nobody's words are saved over by a field they did
 * not touch. Others read it.
 */
function SafetyNetworkRole({ person }: { person: NetworkPerson }): React.JSX.Element {
  const { act, can } = useConferenceActions();
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  if (!can.changeRecord('network', person)) return <p data-testid="will-do">{person.willDo || 'Not said yet.'}</p>;
  return (
    <div className="inline-form">
      <label htmlFor={id}>What {person.name} will do</label>
      <textarea
        id={id}
        rows={2}
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

function ActionView({ action }: { action: Action }): React.JSX.Element {
  const { connection, details, author } = useConference();
  const { act, can } = useConferenceActions();
  const pairs = useDocJson(connection.doc, readDangerPairs);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const issues = smartCheck(action, details?.date ?? '');
  const mayChange = can.changeRecord('actions', action);
  if (editing && mayChange)
    return (
      <li className="action">
        <ActionForm action={action} save={(draft, force) => act.editAction(action.id, action, draft, force)} onDone={() => setEditing(false)} />
      </li>
    );
  const pairIndex = pairs.findIndex((p) => p.id === action.pairId);
  return (
    <li className="action">
      <p className="action-what">{action.what}</p>
      <dl className="action-facts">
        <dt>Who</dt>
        <dd>{action.who || '—'}</dd>
        <dt>By when</dt>
        <dd>{action.byWhen || '—'}</dd>
        <dt>How we will know it worked</dt>
        <dd>{action.measure || '—'}</dd>
        {pairIndex >= 0 && (
          <>
            <dt>For</dt>
            <dd>{author.role === 'family' ? `Worry ${pairIndex + 1}` : `Danger statement ${pairIndex + 1}`}</dd>
          </>
        )}
        {action.children.length > 0 && (
          <>
            <dt>For which child</dt>
            <dd>{action.children.map((c) => details?.children[c]?.name ?? '').join(', ')}</dd>
          </>
        )}
      </dl>
      {issues.length > 0 && (
        <ul className="smart-hints" aria-label="How to make this action clearer">
          {issues.map((i, n) => (
            <li key={n}>
              {i.message} {i.suggestion}
            </li>
          ))}
        </ul>
      )}
      <AgreedControls root="actions" record={action} label={action.what.slice(0, 60)} />
      {mayChange && (
        <div className="buttons">
          <button type="button" onClick={() => setEditing(true)}>
            Edit
          </button>
          <button
            type="button"
            onClick={() => {
              const r = act.removeAction(action.id);
              setError(r.ok ? null : r.message);
            }}
          >
            Remove
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

function ActionForm({
  action,
  save,
  onDone,
}: {
  action?: Action;
  save: (draft: ActionInput, force: boolean) => ActionResult;
  onDone?: () => void;
}): React.JSX.Element {
  const { connection, details } = useConference();
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
      <h3>{action ? 'Edit the action' : 'Add an action'}</h3>
      <label htmlFor={ids.what}>What will be done</label>
      <textarea id={ids.what} rows={2} value={draft.what} onChange={(e) => set({ what: e.target.value })} />
      <LanguageHints text={draft.what} onChange={(what) => set({ what })} />
      <label htmlFor={ids.who}>Who will do it</label>
      <input id={ids.who} list={ids.list} value={draft.who} onChange={(e) => set({ who: e.target.value })} />
      <datalist id={ids.list}>
        {people.map((p) => (
          <option key={p.clientId} value={`${p.name} (${p.roleLabel})`} />
        ))}
      </datalist>
      <label htmlFor={ids.when}>By when</label>
      <input id={ids.when} type="date" value={draft.byWhen} onChange={(e) => set({ byWhen: e.target.value })} />
      <label htmlFor={ids.measure}>How we will know it worked</label>
      <textarea id={ids.measure} rows={2} value={draft.measure} onChange={(e) => set({ measure: e.target.value })} />
      <label htmlFor={ids.pair}>Which danger statement it is for</label>
      <select id={ids.pair} value={draft.pairId ?? ''} onChange={(e) => set({ pairId: e.target.value || null })}>
        <option value="">(none)</option>
        {pairs.map((p, i) => (
          <option key={p.id} value={p.id}>
            Danger statement {i + 1}
          </option>
        ))}
      </select>
      {details && details.children.length > 1 && (
        <fieldset>
          <legend>For which child</legend>
          {details.children.map((c, i) => (
            <label key={i} className="choice">
              <input
                type="checkbox"
                checked={draft.children.includes(i)}
                onChange={(e) => set({ children: e.target.checked ? [...draft.children, i] : draft.children.filter((x) => x !== i) })}
              />
              {c.name}
            </label>
          ))}
        </fieldset>
      )}
      {issues.length > 0 && (
        <ul className="smart-hints" aria-live="polite" aria-label="How to make this action clearer">
          {issues.map((i, n) => (
            <li key={n}>
              {i.message} {i.suggestion}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {theirs && (
        <ConflictNotice what="this action" theirs={Object.values(theirs)} keepMine={() => submit(true)} keepTheirs={() => onDone?.()} />
      )}
      <div className="buttons">
        <button type="submit" className="primary">
          {action ? 'Save the action' : 'Add the action'}
        </button>
        {onDone && (
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
