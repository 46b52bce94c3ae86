import { useId, useState } from 'react';
import {
  addAction,
  editAction,
  readActions,
  readDangerPairs,
  readNetwork,
  removeAction,
  smartCheck,
  updateNetworkPerson,
  ValidationError,
  type Action,
  type ActionInput,
} from '../../../../shared/model/index.js';
import { useConference } from '../../conference/context';
import { useDocJson, usePresence } from '../../conference/hooks';
import { LanguageHints } from '../LanguageHints';

const EMPTY: ActionInput = { what: '', who: '', byWhen: '', measure: '', pairId: null, children: [] };

export function Plan(): React.JSX.Element {
  const { connection, author, readOnly } = useConference();
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
      {!readOnly && <ActionForm />}
      <section aria-labelledby="safety-network-h">
        <h3 id="safety-network-h">The safety network</h3>
        <p className="muted">The people who will help keep the children safe, and what each will do. Add people in stage 1.</p>
        <ul className="network">
          {network
            .filter((p) => p.inSafetyNetwork)
            .map((p) => (
              <li key={p.id}>
                <strong>{p.name}</strong>, {p.relationship}
                <SafetyNetworkRole
                  id={p.id}
                  willDo={p.willDo}
                  readOnly={readOnly}
                  name={p.name}
                  onSave={(willDo) => updateNetworkPerson(connection.doc, p.id, { willDo })}
                />
              </li>
            ))}
        </ul>
      </section>
    </div>
  );
}

function SafetyNetworkRole({
  willDo,
  readOnly,
  name,
  onSave,
}: {
  id: string;
  willDo: string;
  readOnly: boolean;
  name: string;
  onSave: (v: string) => void;
}): React.JSX.Element {
  const [draft, setDraft] = useState(willDo);
  const id = useId();
  if (readOnly) return <p>{willDo || 'Not said yet.'}</p>;
  return (
    <div className="inline-form">
      <label htmlFor={id}>What {name} will do</label>
      <input id={id} value={draft} onChange={(e) => setDraft(e.target.value)} onBlur={() => draft !== willDo && onSave(draft)} />
    </div>
  );
}

function ActionView({ action }: { action: Action }): React.JSX.Element {
  const { connection, details, readOnly, author } = useConference();
  const pairs = useDocJson(connection.doc, readDangerPairs);
  const [editing, setEditing] = useState(false);
  const issues = smartCheck(action, details?.date ?? '');
  if (editing && !readOnly) return <ActionForm action={action} onDone={() => setEditing(false)} />;
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
      {!readOnly && (
        <div className="buttons">
          <button type="button" onClick={() => setEditing(true)}>
            Edit
          </button>
          <button type="button" onClick={() => removeAction(connection.doc, action.id)}>
            Remove
          </button>
        </div>
      )}
    </li>
  );
}

function ActionForm({ action, onDone }: { action?: Action; onDone?: () => void }): React.JSX.Element {
  const { connection, details } = useConference();
  const pairs = useDocJson(connection.doc, readDangerPairs);
  const people = usePresence(connection);
  const [draft, setDraft] = useState<ActionInput>(action ? { ...action } : EMPTY);
  const [error, setError] = useState<string | null>(null);
  const ids = { what: useId(), who: useId(), when: useId(), measure: useId(), pair: useId(), list: useId() };
  const issues = draft.what.trim() ? smartCheck(draft, details?.date ?? '') : [];
  const set = (change: Partial<ActionInput>): void => setDraft((d) => ({ ...d, ...change }));
  return (
    <form
      className="action-form"
      onSubmit={(e) => {
        e.preventDefault();
        try {
          if (action) editAction(connection.doc, action.id, draft);
          else addAction(connection.doc, draft);
          setDraft(EMPTY);
          setError(null);
          onDone?.();
        } catch (err) {
          setError(err instanceof ValidationError ? err.message : 'The action could not be saved.');
        }
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
