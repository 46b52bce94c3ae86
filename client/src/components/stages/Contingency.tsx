import { useId, useState } from 'react';
import { contingencyWarning, readContingency, readContingencyChange } from '../../../../shared/model/index.js';
import { useConferenceActions } from '../../conference/actions';
import { useConference } from '../../conference/context';
import { useDocJson } from '../../conference/hooks';
import { useT } from '../../i18n/store';
import { forFamily } from '../../i18n/words';
import { LanguageHints } from '../LanguageHints';
import { AgreedControls } from './AgreedControls';

/**
 * The contingency plan: one live text everyone may write in (each sees the others' words as they
 * type) until the chair marks it agreed; after that, the chair alone. The family reads it as "what
 * happens if things do not change".
 */
export function Contingency(): React.JSX.Element {
  const { t } = useT();
  const { connection, author } = useConference();
  const { act, can } = useConferenceActions();
  const text = useDocJson(connection.doc, readContingency);
  const change = useDocJson(connection.doc, readContingencyChange);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const family = author.role === 'family';
  const warning = contingencyWarning(text) !== null;
  const set = (value: string): void => {
    const r = act.setContingency(value);
    setError(r.ok ? null : r.message);
  };
  const editable = can.editContingency;
  const label = t(forFamily('contingency.label', family));
  return (
    <div className="stage-view">
      <h2>{t(forFamily('contingency.title', family))}</h2>
      <p className="muted">{t(forFamily('contingency.help', family))}</p>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={6}
        dir="auto"
        value={text}
        readOnly={!editable}
        onChange={(e) => set(e.target.value)}
        data-testid="contingency"
      />
      <AgreedControls root="contingency" record={{ id: 'contingency', changedAt: change?.changedAt ?? 0 }} label={label} />
      {warning && (
        <p className="warning" role="status">
          {t(forFamily('contingency.legalOnly', family))}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {editable && <LanguageHints text={text} onChange={set} />}
    </div>
  );
}
