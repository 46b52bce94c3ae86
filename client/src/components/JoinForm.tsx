import { useId, useState } from 'react';
import { cleanName, cleanRoleLabel, ValidationError, type AccessRole } from '../../../shared/model/index.js';

const PROFESSIONAL_ROLES = [
  'Social worker',
  'Team manager',
  'School',
  'Health visitor',
  'School nurse',
  'GP',
  'Police',
  "Children's mental health (CAMHS)",
  'Early help',
  'Housing',
  'Other',
];

const FAMILY_ROLES = ['Mum', 'Dad', 'Carer', 'Grandparent', 'Young person', 'Family friend or supporter', 'Advocate', 'Other'];

interface Props {
  role: AccessRole;
  locked: boolean;
  onJoin: (name: string, roleLabel: string) => Promise<void>;
}

/** Asks a person with an invitation for their name and what they are here as, then asks the chair to let them in. */
export function JoinForm({ role, locked, onJoin }: Props): React.JSX.Element {
  const choices = role === 'family' ? FAMILY_ROLES : PROFESSIONAL_ROLES;
  const [name, setName] = useState('');
  const [choice, setChoice] = useState(choices[0] ?? '');
  const [other, setOther] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const ids = { name: useId(), role: useId(), other: useId(), error: useId() };

  if (locked) {
    return (
      <main className="centre">
        <h1>This meeting has ended</h1>
        <p>The chair has ended this conference, so nobody new can join. Please speak to the chair if you need the record.</p>
      </main>
    );
  }

  const submit = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    setError(null);
    let cleanedName: string;
    let roleLabel: string;
    try {
      cleanedName = cleanName(name);
      roleLabel = cleanRoleLabel(choice === 'Other' ? other : choice);
    } catch (err) {
      if (err instanceof ValidationError) return setError({ field: err.field, message: err.message });
      throw err;
    }
    setBusy(true);
    try {
      await onJoin(cleanedName, roleLabel);
    } catch (err) {
      setError({ field: 'form', message: err instanceof Error ? err.message : 'Your request to join could not be sent.' });
      setBusy(false);
    }
  };

  const family = role === 'family';
  return (
    <main className="centre">
      <form className="join" onSubmit={(e) => void submit(e)} noValidate aria-describedby={error ? ids.error : undefined}>
        <h1>{family ? 'Welcome' : 'Join the conference'}</h1>
        <p>
          {family
            ? 'Tell us your name and who you are in the family, so everyone knows who said what.'
            : 'Your name and role are shown next to what you add to the board.'}
        </p>
        <label htmlFor={ids.name}>Your name</label>
        <input
          id={ids.name}
          name="name"
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={error?.field === 'name' || undefined}
        />
        <label htmlFor={ids.role}>{family ? 'Who you are in the family' : 'Your role'}</label>
        <select id={ids.role} name="role" value={choice} onChange={(e) => setChoice(e.target.value)}>
          {choices.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
        {choice === 'Other' && (
          <>
            <label htmlFor={ids.other}>{family ? 'Please say who you are' : 'Your role or agency'}</label>
            <input
              id={ids.other}
              value={other}
              onChange={(e) => setOther(e.target.value)}
              aria-invalid={error?.field === 'roleLabel' || undefined}
            />
          </>
        )}
        {error && (
          <p id={ids.error} role="alert" className="error">
            {error.message}
          </p>
        )}
        <button type="submit" className="primary big" disabled={busy}>
          {busy ? 'Asking the chair…' : 'Join'}
        </button>
      </form>
    </main>
  );
}
