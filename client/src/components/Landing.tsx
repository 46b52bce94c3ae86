import { useId, useState } from 'react';
import {
  cleanConferenceDetails,
  CONFERENCE_KIND_LABELS,
  CONFERENCE_KINDS,
  MAX_CHILDREN,
  ValidationError,
  type ConferenceKind,
} from '../../../shared/model/index.js';
import { api, ApiError } from '../api';
import { absoluteLink, saveInvitations, saveToken } from '../session';

interface ChildDraft {
  key: number;
  name: string;
  age: string;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The landing page: the chair gives the conference's details and creates it. */
export function Landing(): React.JSX.Element {
  const [creating, setCreating] = useState(false);
  return (
    <main className="landing">
      <h1>Conference Board</h1>
      <p className="lead">
        A shared board for child protection conferences that use the Signs of Safety approach. The chair opens a conference, everyone in the
        room adds what they know, and the board becomes the record.
      </p>
      {creating ? (
        <NewConferenceForm />
      ) : (
        <>
          <button type="button" className="primary big" onClick={() => setCreating(true)}>
            New conference
          </button>
          <p className="muted">Were you sent a link? Open that link to join a conference.</p>
        </>
      )}
    </main>
  );
}

function NewConferenceForm(): React.JSX.Element {
  const [kind, setKind] = useState<ConferenceKind>('initial');
  const [date, setDate] = useState(today);
  const [caseReference, setCaseReference] = useState('');
  const [chairName, setChairName] = useState('');
  const [children, setChildren] = useState<ChildDraft[]>([{ key: 1, name: '', age: '' }]);
  const [autoAdmit, setAutoAdmit] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const ids = { date: useId(), ref: useId(), chair: useId(), error: useId() };

  const updateChild = (key: number, change: Partial<ChildDraft>): void =>
    setChildren((list) => list.map((c) => (c.key === key ? { ...c, ...change } : c)));

  const submit = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    setError(null);
    let details;
    try {
      details = cleanConferenceDetails({
        kind,
        date,
        caseReference,
        chairName,
        children: children.map((c) => ({ name: c.name, age: c.age })),
      });
    } catch (err) {
      if (err instanceof ValidationError) return setError({ field: err.field, message: err.message });
      throw err;
    }
    setBusy(true);
    try {
      const created = await api.create({ ...details, autoAdmit });
      saveToken(created.id, created.chairToken);
      saveInvitations(created.id, { professional: absoluteLink(created.links.professional), family: absoluteLink(created.links.family) });
      window.location.assign(`/c/${created.id}`);
    } catch (err) {
      setError({
        field: err instanceof ApiError && err.field ? err.field : 'form',
        message: err instanceof Error ? err.message : 'The conference could not be created.',
      });
      setBusy(false);
    }
  };

  const invalid = (field: string): true | undefined => (error?.field === field || error?.field.startsWith(`${field}.`) ? true : undefined);

  return (
    <form className="new-conference" onSubmit={(e) => void submit(e)} noValidate aria-describedby={error ? ids.error : undefined}>
      <h2>New conference</h2>
      <fieldset>
        <legend>Kind of conference</legend>
        {CONFERENCE_KINDS.map((k) => (
          <label key={k} className="choice">
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            {CONFERENCE_KIND_LABELS[k]}
          </label>
        ))}
      </fieldset>
      <label htmlFor={ids.date}>Date of the conference</label>
      <input id={ids.date} type="date" value={date} onChange={(e) => setDate(e.target.value)} aria-invalid={invalid('date')} />
      <label htmlFor={ids.ref}>Case reference</label>
      <input
        id={ids.ref}
        value={caseReference}
        onChange={(e) => setCaseReference(e.target.value)}
        aria-invalid={invalid('caseReference')}
        autoComplete="off"
      />
      <label htmlFor={ids.chair}>Your name (the chair)</label>
      <input
        id={ids.chair}
        value={chairName}
        onChange={(e) => setChairName(e.target.value)}
        aria-invalid={invalid('chairName')}
        autoComplete="name"
      />
      <fieldset>
        <legend>The children in the household</legend>
        <p className="muted">First name or initials only, and age (0 for a baby under one).</p>
        {children.map((child, i) => (
          <div key={child.key} className="child-row">
            <label>
              Child {i + 1} name or initials
              <input
                value={child.name}
                onChange={(e) => updateChild(child.key, { name: e.target.value })}
                aria-invalid={invalid(`children.${i}.name`)}
                autoComplete="off"
              />
            </label>
            <label>
              Age
              <input
                value={child.age}
                inputMode="numeric"
                onChange={(e) => updateChild(child.key, { age: e.target.value })}
                aria-invalid={invalid(`children.${i}.age`)}
                className="age"
              />
            </label>
            {children.length > 1 && (
              <button
                type="button"
                onClick={() => setChildren((list) => list.filter((c) => c.key !== child.key))}
                aria-label={`Remove child ${i + 1}`}
              >
                Remove
              </button>
            )}
          </div>
        ))}
        {children.length < MAX_CHILDREN && (
          <button
            type="button"
            onClick={() => setChildren((list) => [...list, { key: Math.max(...list.map((c) => c.key)) + 1, name: '', age: '' }])}
          >
            Add another child
          </button>
        )}
      </fieldset>
      <label className="choice">
        <input type="checkbox" checked={autoAdmit} onChange={(e) => setAutoAdmit(e.target.checked)} />
        Let invited people in without waiting for me to admit each one
      </label>
      {error && (
        <p id={ids.error} role="alert" className="error">
          {error.message}
        </p>
      )}
      <button type="submit" className="primary big" disabled={busy}>
        {busy ? 'Creating the conference…' : 'Create the conference'}
      </button>
    </form>
  );
}
