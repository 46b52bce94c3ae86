/**
 * Someone else changed what this person was editing: their words, and the choice of which to keep.
 * Nothing is saved over the other person's words without this choice.
 */
export function ConflictNotice({
  what,
  theirs,
  keepMine,
  keepTheirs,
}: {
  what: string;
  theirs: readonly string[];
  keepMine: () => void;
  keepTheirs: () => void;
}): React.JSX.Element {
  return (
    <div className="conflict" role="alert">
      <p>Someone changed {what} while you were writing. It now says:</p>
      {theirs.map((words, i) => (
        <p key={i}>“{words || '(nothing)'}”</p>
      ))}
      <button type="button" onClick={keepMine}>
        Keep my words
      </button>
      <button type="button" onClick={keepTheirs}>
        Keep theirs
      </button>
    </div>
  );
}
