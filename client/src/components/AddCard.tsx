import { memo, useId, useState } from 'react';
import type { ColumnId } from '../../../shared/model/index.js';
import { useConferenceActions } from '../conference/actions';
import { useT } from '../i18n/store';
import { LanguageHints } from './LanguageHints';

interface Props {
  column: ColumnId;
  heading: string;
}

/** The box at the foot of each column. Enter adds the item; Shift+Enter starts a new line. */
export const AddCard = memo(function AddCard({ column, heading }: Props): React.JSX.Element {
  const { t } = useT();
  const { act } = useConferenceActions();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const errorId = useId();

  const submit = (): void => {
    const result = act.addCard(column, text);
    if (result.ok) {
      setText('');
      setError(null);
    } else setError(result.message); // The draft stays in the box, so nothing typed is lost.
  };

  return (
    <form
      className="add-card"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label htmlFor={id}>{t('addCard.label', { heading })}</label>
      <textarea
        id={id}
        rows={2}
        dir="auto"
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <LanguageHints text={text} onChange={setText} context={column === 'danger' ? 'danger' : 'general'} />
      {error && (
        <p id={errorId} className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit">{t('common.add')}</button>
    </form>
  );
});
