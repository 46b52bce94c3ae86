import { memo, useId, useState } from 'react';
import { addCard, ValidationError, type Author, type ColumnId } from '../../../shared/model/index.js';
import type { ConferenceConnection } from '../conference/connection';
import { LanguageHints } from './LanguageHints';

interface Props {
  connection: ConferenceConnection;
  author: Author;
  column: ColumnId;
  heading: string;
}

/** The box at the foot of each column. Enter adds the item; Shift+Enter starts a new line. */
export const AddCard = memo(function AddCard({ connection, author, column, heading }: Props): React.JSX.Element {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const errorId = useId();

  const submit = (): void => {
    try {
      addCard(connection.doc, { column, text, author });
      setText('');
      setError(null);
    } catch (err) {
      // The draft stays in the box, so nothing typed is lost.
      setError(err instanceof ValidationError ? err.message : 'The item could not be added.');
    }
  };

  return (
    <form
      className="add-card"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label htmlFor={id}>Add to {heading}</label>
      <textarea
        id={id}
        rows={2}
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
      <button type="submit">Add</button>
    </form>
  );
});
