import { memo, useId, useState } from 'react';
import type { ColumnId } from '../../../shared/model/index.js';
import { useConferenceActions } from '../conference/actions';
import { useConference } from '../conference/context';
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
  const { chair, author } = useConference();
  const [text, setText] = useState('');
  // Before the meeting a professional says where an item came from ("from the school's report").
  const [source, setSource] = useState('');
  const asksSource = chair.preparing && author.role !== 'family';
  const sourceId = useId();
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const errorId = useId();

  const submit = (): void => {
    const result = act.addCard(column, text, null, asksSource ? source : undefined);
    if (result.ok) {
      setText('');
      setSource('');
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
      {asksSource && (
        <>
          <label htmlFor={sourceId}>{t('addCard.source')}</label>
          <input id={sourceId} dir="auto" value={source} onChange={(e) => setSource(e.target.value)} autoComplete="off" />
        </>
      )}
      {error && (
        <p id={errorId} className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit">{t('common.add')}</button>
    </form>
  );
});
