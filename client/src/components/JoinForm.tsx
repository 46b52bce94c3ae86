import { useId, useState } from 'react';
import { cleanName, cleanRoleLabel, ValidationError, type AccessRole } from '../../../shared/model/index.js';
import { saveMe, type Me } from '../session';

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

/** Asks for a name and what the person is here as, the first time they open the conference in this tab. */
export function JoinForm({ conferenceId, role, onJoined }: { conferenceId: string; role: AccessRole; onJoined: (me: Me) => void }): React.JSX.Element {
  const choices = role === 'chair' ? ['Chair'] : role === 'family' ? FAMILY_ROLES : PROFESSIONAL_ROLES;
  const [name, setName] = useState('');
  const [choice, setChoice] = useState(choices[0] ?? '');
  const [other, setOther] = useState('');
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const ids = { name: useId(), role: useId(), other: useId(), error: useId() };

  const submit = (event: React.FormEvent): void => {
    event.preventDefault();
    try {
      const cleanedName = cleanName(name);
      const roleLabel = cleanRoleLabel(choice === 'Other' ? other : choice);
      onJoined(saveMe(conferenceId, { name: cleanedName, roleLabel }));
    } catch (err) {
      if (err instanceof ValidationError) setError({ field: err.field, message: err.message });
      else throw err;
    }
  };

  const title = role === 'chair' ? 'You are chairing this conference' : role === 'family' ? 'Welcome' : 'Join the conference';
  const intro =
    role === 'family'
      ? 'Tell us your name and who you are in the family, so everyone knows who said what.'
      : 'Your name and role are shown next to what you add to the board.';

  return (
    <main className="centre">
      <form className="join" onSubmit={submit} noValidate aria-describedby={error ? ids.error : undefined}>
        <h1>{title}</h1>
        <p>{intro}</p>
        <label htmlFor={ids.name}>Your name</label>
        <input
          id={ids.name}
          name="name"
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={error?.field === 'name' || undefined}
        />
        {choices.length > 1 && (
          <>
            <label htmlFor={ids.role}>{role === 'family' ? 'Who you are in the family' : 'Your role'}</label>
            <select id={ids.role} name="role" value={choice} onChange={(e) => setChoice(e.target.value)}>
              {choices.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </>
        )}
        {choice === 'Other' && (
          <>
            <label htmlFor={ids.other}>{role === 'family' ? 'Please say who you are' : 'Your role or agency'}</label>
            <input id={ids.other} value={other} onChange={(e) => setOther(e.target.value)} aria-invalid={error?.field === 'roleLabel' || undefined} />
          </>
        )}
        {error && (
          <p id={ids.error} role="alert" className="error">
            {error.message}
          </p>
        )}
        <button type="submit" className="primary big">
          {role === 'chair' ? 'Open the board' : 'Join'}
        </button>
      </form>
    </main>
  );
}
