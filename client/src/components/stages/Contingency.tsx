import { useId } from 'react';
import { contingencyText, contingencyWarning, readContingency, setSharedText } from '../../../../shared/model/index.js';
import { useConference } from '../../conference/context';
import { useDocJson } from '../../conference/hooks';
import { LanguageHints } from '../LanguageHints';

export function Contingency(): React.JSX.Element {
  const { connection, author, readOnly } = useConference();
  const text = useDocJson(connection.doc, readContingency);
  const id = useId();
  const warning = contingencyWarning(text);
  const set = (value: string): void => setSharedText(contingencyText(connection.doc), value);
  return (
    <div className="stage-view">
      <h2>{author.role === 'family' ? 'What happens if things do not change' : 'Contingency plan'}</h2>
      <p className="muted">
        What will happen if things do not change or get worse, in words the family understands: what, why, and what it could lead to.
      </p>
      <label htmlFor={id}>The contingency plan</label>
      <textarea id={id} rows={6} value={text} readOnly={readOnly} onChange={(e) => set(e.target.value)} data-testid="contingency" />
      {warning && (
        <p className="warning" role="status">
          {warning}
        </p>
      )}
      {!readOnly && <LanguageHints text={text} onChange={set} />}
    </div>
  );
}
