import { useId, useState } from 'react';
import {
  cleanConferenceDetails,
  CONFERENCE_KINDS,
  MAX_CHILDREN,
  ValidationError,
  type ConferenceKind,
} from '../../../shared/model/index.js';
import { api, ApiError } from '../api';
import { absoluteLink, saveInvitations, saveToken } from '../session';
import { useT } from '../i18n/store';
import { errorWords, validationWords } from '../i18n/words';
import { LanguagePicker } from './LanguagePicker';

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
  const { t } = useT();
  const [creating, setCreating] = useState(false);
  return (
    <main className="landing">
      <LanguagePicker />
      <h1>{t('app.name')}</h1>
      <p className="lead">{t('landing.lead')}</p>
      {creating ? (
        <NewConferenceForm />
      ) : (
        <>
          <button type="button" className="primary big" onClick={() => setCreating(true)}>
            {t('landing.new')}
          </button>
          <p className="muted">{t('landing.haveLink')}</p>
        </>
      )}
    </main>
  );
}

function NewConferenceForm(): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const [kind, setKind] = useState<ConferenceKind>('initial');
  const [date, setDate] = useState(today);
  const [caseReference, setCaseReference] = useState('');
  const [chairName, setChairName] = useState('');
  const [children, setChildren] = useState<ChildDraft[]>([{ key: 1, name: '', age: '' }]);
  const [autoAdmit, setAutoAdmit] = useState(false);
  const [preparation, setPreparation] = useState(false);
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
      if (err instanceof ValidationError) return setError({ field: err.field, message: validationWords(i18n, err) });
      throw err;
    }
    setBusy(true);
    try {
      const created = await api.create({ ...details, autoAdmit, ...(preparation ? { preparation: true } : {}) });
      saveToken(created.id, created.chairToken);
      saveInvitations(created.id, { professional: absoluteLink(created.links.professional), family: absoluteLink(created.links.family) });
      window.location.assign(`/c/${created.id}`);
    } catch (err) {
      setError({
        field: err instanceof ApiError && err.field ? err.field : 'form',
        message: errorWords(i18n, err, 'api.create'),
      });
      setBusy(false);
    }
  };

  const invalid = (field: string): true | undefined => (error?.field === field || error?.field.startsWith(`${field}.`) ? true : undefined);

  return (
    <form className="new-conference" onSubmit={(e) => void submit(e)} noValidate aria-describedby={error ? ids.error : undefined}>
      <h2>{t('create.title')}</h2>
      <fieldset>
        <legend>{t('create.kind')}</legend>
        {CONFERENCE_KINDS.map((k) => (
          <label key={k} className="choice">
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            {t(`kind.${k}`)}
          </label>
        ))}
      </fieldset>
      <label htmlFor={ids.date}>{t('create.date')}</label>
      <input id={ids.date} type="date" value={date} onChange={(e) => setDate(e.target.value)} aria-invalid={invalid('date')} />
      <label htmlFor={ids.ref}>{t('create.caseReference')}</label>
      <input
        id={ids.ref}
        dir="auto"
        value={caseReference}
        onChange={(e) => setCaseReference(e.target.value)}
        aria-invalid={invalid('caseReference')}
        autoComplete="off"
      />
      <label htmlFor={ids.chair}>{t('create.chairName')}</label>
      <input
        id={ids.chair}
        dir="auto"
        value={chairName}
        onChange={(e) => setChairName(e.target.value)}
        aria-invalid={invalid('chairName')}
        autoComplete="name"
      />
      <fieldset>
        <legend>{t('create.children')}</legend>
        <p className="muted">{t('create.childrenHelp')}</p>
        {children.map((child, i) => (
          <div key={child.key} className="child-row">
            <label>
              {t('create.childName', { n: i + 1 })}
              <input
                dir="auto"
                value={child.name}
                onChange={(e) => updateChild(child.key, { name: e.target.value })}
                aria-invalid={invalid(`children.${i}.name`)}
                autoComplete="off"
              />
            </label>
            <label>
              {t('create.age')}
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
                aria-label={t('create.removeChild', { n: i + 1 })}
              >
                {t('common.remove')}
              </button>
            )}
          </div>
        ))}
        {children.length < MAX_CHILDREN && (
          <button
            type="button"
            onClick={() => setChildren((list) => [...list, { key: Math.max(...list.map((c) => c.key)) + 1, name: '', age: '' }])}
          >
            {t('create.addChild')}
          </button>
        )}
      </fieldset>
      <label className="choice">
        <input type="checkbox" checked={autoAdmit} onChange={(e) => setAutoAdmit(e.target.checked)} />
        {t('create.autoAdmit')}
      </label>
      <label className="choice">
        <input type="checkbox" checked={preparation} onChange={(e) => setPreparation(e.target.checked)} />
        {t('create.prepare')}
      </label>
      {error && (
        <p id={ids.error} role="alert" className="error">
          {error.message}
        </p>
      )}
      <button type="submit" className="primary big" disabled={busy}>
        {t(busy ? 'create.busy' : 'create.submit')}
      </button>
    </form>
  );
}
