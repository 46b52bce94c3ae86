import { useId, useState } from 'react';
import { contingencyWarning, readContingency, readContingencyChange } from '../../../../shared/model/index.js';
import { useConferenceActions } from '../../conference/actions';
import { useConference } from '../../conference/context';
import { useDocJson } from '../../conference/hooks';
import { LanguageHints } from '../LanguageHints';
import { AgreedControls } from './AgreedControls';

/**
 * The contingency plan: one live text everyone may write in (each sees the others' words as they
 * type) until the chair marks it agreed; after that, the chair alone.
 */
export function Contingency(): React.JSX.Element {
  const { connection, author } = useConference();
  const { act, can } = useConferenceActions();
  const text = useDocJson(connection.doc, readContingency);
  const change = useDocJson(connection.doc, readContingencyChange);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const warning = contingencyWarning(text);
  const set = (value: string): void => {
    const r = act.setContingency(value);
    setError(r.ok ? null : r.message);
  };
  const editable = can.editContingency;
  return (
    <div className="stage-view">
      <h2>{author.role === 'family' ? 'What happens if things do not change' : 'Contingency plan'}</h2>
      <p className="muted">
        What will happen if things do not change or get worse, in words the family understands: what, why, and what it could lead to.
      </p>
      <label htmlFor={id}>The contingency plan</label>
      <textarea id={id} rows={6} value={text} readOnly={!editable} onChange={(e) => set(e.target.value)} data-testid="contingency" />
      <AgreedControls root="contingency" record={{ id: 'contingency', changedAt: change?.changedAt ?? 0 }} label="the contingency plan" />
      {warning && (
        <p className="warning" role="status">
          {warning}
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
