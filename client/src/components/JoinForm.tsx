import { useId, useState } from 'react';
import { cleanName, cleanRoleLabel, ValidationError, type AccessRole } from '../../../shared/model/index.js';
import { useT } from '../i18n/store';
import { errorWords, FAMILY_ROLES, PROFESSIONAL_ROLES, validationWords } from '../i18n/words';
import { LanguagePicker } from './LanguagePicker';

const OTHER = '';

interface Props {
  role: AccessRole;
  locked: boolean;
  onJoin: (name: string, roleLabel: string) => Promise<void>;
}

/**
 * Asks a person with an invitation for their language, their name and what they are here as, then
 * asks the chair to let them in. A role from the list is kept in English (the record's language)
 * and each screen shows it in its own; a role the person types is kept as typed.
 */
export function JoinForm({ role, locked, onJoin }: Props): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const family = role === 'family';
  const choices = family ? FAMILY_ROLES : PROFESSIONAL_ROLES;
  const [name, setName] = useState('');
  const [choice, setChoice] = useState<string>(choices[0][0]);
  const [other, setOther] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const ids = { name: useId(), role: useId(), other: useId(), error: useId() };

  if (locked) {
    return (
      <main className="centre">
        <h1>{t('join.ended.title')}</h1>
        <p>{t('join.ended.text')}</p>
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
      roleLabel = cleanRoleLabel(choice === OTHER ? other : choice);
    } catch (err) {
      if (err instanceof ValidationError) return setError({ field: err.field, message: validationWords(i18n, err, family) });
      throw err;
    }
    setBusy(true);
    try {
      await onJoin(cleanedName, roleLabel);
    } catch (err) {
      setError({ field: 'form', message: errorWords(i18n, err, 'api.join', family) });
      setBusy(false);
    }
  };

  return (
    <main className="centre">
      <form className="join" onSubmit={(e) => void submit(e)} noValidate aria-describedby={error ? ids.error : undefined}>
        <LanguagePicker note />
        <h1>{t(family ? 'join.title.family' : 'join.title')}</h1>
        <p>{t(family ? 'join.intro.family' : 'join.intro')}</p>
        <label htmlFor={ids.name}>{t('join.name')}</label>
        <input
          id={ids.name}
          name="name"
          dir="auto"
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={error?.field === 'name' || undefined}
        />
        <label htmlFor={ids.role}>{t(family ? 'join.role.family' : 'join.role')}</label>
        <select id={ids.role} name="role" value={choice} onChange={(e) => setChoice(e.target.value)}>
          {choices.map(([value, key]) => (
            <option key={value} value={value}>
              {t(key)}
            </option>
          ))}
          <option value={OTHER}>{t('role.other')}</option>
        </select>
        {choice === OTHER && (
          <>
            <label htmlFor={ids.other}>{t(family ? 'join.other.family' : 'join.other')}</label>
            <input
              id={ids.other}
              dir="auto"
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
          {t(busy ? 'join.busy' : 'join.submit')}
        </button>
      </form>
    </main>
  );
}
