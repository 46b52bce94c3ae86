import { useId, useState } from 'react';
import { MAX_DANGER_PAIRS, readDangerPairs, type DangerPair } from '../../../../shared/model/index.js';
import { useConferenceActions, type ActionResult } from '../../conference/actions';
import { useConference } from '../../conference/context';
import { useDocJson } from '../../conference/hooks';
import { ConflictNotice } from '../ConflictNotice';
import { LanguageHints } from '../LanguageHints';
import { AgreedControls } from './AgreedControls';

const DANGER_SHAPE =
  'Who is worried: … They are worried that (what the adults do): … If nothing changes, they fear that (what could happen to the child): …';
const GOAL_SHAPE = 'The parents will: … The child will experience: … Professionals will see: … For how long: …';

export function DangerStatements(): React.JSX.Element {
  const { connection, author, readOnly } = useConference();
  const { act } = useConferenceActions();
  const pairs = useDocJson(connection.doc, readDangerPairs);
  const family = author.role === 'family';
  return (
    <div className="stage-view">
      <h2>{family ? 'What we are worried about, and what needs to happen' : 'Danger statements and safety goals'}</h2>
      <p className="muted">
        At most {MAX_DANGER_PAIRS}. A danger statement says who is worried, about what the adults do, and what could happen to the child if
        nothing changes, in plain words. Its safety goal says what the parents will do, what the child will experience, and for how long.
      </p>
      <ol className="pairs" data-testid="danger-pairs">
        {pairs.map((pair, i) => (
          <PairView key={pair.id} pair={pair} index={i} />
        ))}
      </ol>
      {!readOnly &&
        (pairs.length < MAX_DANGER_PAIRS ? (
          <PairForm save={(draft) => act.addPair(draft)} />
        ) : (
          <p role="status">There are {MAX_DANGER_PAIRS} danger statements: the most there can be.</p>
        ))}
    </div>
  );
}

function PairView({ pair, index }: { pair: DangerPair; index: number }): React.JSX.Element {
  const { author } = useConference();
  const { act, can } = useConferenceActions();
  const family = author.role === 'family';
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mayChange = can.changeRecord('dangerPairs', pair);
  const title = family ? `Worry ${index + 1}` : `Danger statement ${index + 1}`;
  if (editing && mayChange)
    return (
      <li className="pair">
        <PairForm pair={pair} save={(draft, force) => act.editPair(pair.id, pair, draft, force)} onDone={() => setEditing(false)} />
      </li>
    );
  return (
    <li className="pair">
      <h3>{title}</h3>
      <p className="danger-text">{pair.danger}</p>
      <h4>{family ? 'What needs to happen' : 'Safety goal'}</h4>
      <p className="goal-text">{pair.goal}</p>
      <p className="muted">Written by {pair.addedBy.id === author.id ? 'you' : `${pair.addedBy.name}, ${pair.addedBy.roleLabel}`}</p>
      <AgreedControls root="dangerPairs" record={pair} label={title} />
      {mayChange && (
        <div className="buttons">
          <button type="button" onClick={() => setEditing(true)}>
            Edit
          </button>
          <button
            type="button"
            onClick={() => {
              const r = act.removePair(pair.id);
              setError(r.ok ? null : r.message);
            }}
          >
            Remove
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

function PairForm({
  pair,
  save,
  onDone,
}: {
  pair?: DangerPair;
  save: (draft: { danger: string; goal: string }, force: boolean) => ActionResult;
  onDone?: () => void;
}): React.JSX.Element {
  const [danger, setDanger] = useState(pair?.danger ?? '');
  const [goal, setGoal] = useState(pair?.goal ?? '');
  const [error, setError] = useState<string | null>(null);
  const [theirs, setTheirs] = useState<Record<string, string> | null>(null);
  const ids = { danger: useId(), goal: useId() };
  const submit = (force = false): void => {
    const result = save({ danger, goal }, force);
    if (result.ok) {
      setDanger('');
      setGoal('');
      setError(null);
      setTheirs(null);
      onDone?.();
    } else if (result.conflict) setTheirs(result.conflict);
    else setError(result.message);
  };
  return (
    <form
      className="pair-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3>{pair ? 'Edit the danger statement' : 'Add a danger statement and its safety goal'}</h3>
      <label htmlFor={ids.danger}>Danger statement</label>
      <p className="hint">Shape: {DANGER_SHAPE}</p>
      <textarea id={ids.danger} rows={4} value={danger} onChange={(e) => setDanger(e.target.value)} />
      {danger === '' && (
        <button type="button" onClick={() => setDanger(DANGER_SHAPE)}>
          Start from the shape
        </button>
      )}
      <LanguageHints text={danger} onChange={setDanger} context="danger" />
      <label htmlFor={ids.goal}>Safety goal</label>
      <p className="hint">Shape: {GOAL_SHAPE}</p>
      <textarea id={ids.goal} rows={4} value={goal} onChange={(e) => setGoal(e.target.value)} />
      {goal === '' && (
        <button type="button" onClick={() => setGoal(GOAL_SHAPE)}>
          Start from the shape
        </button>
      )}
      <LanguageHints text={goal} onChange={setGoal} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {theirs && (
        <ConflictNotice what="this danger statement" theirs={Object.values(theirs)} keepMine={() => submit(true)} keepTheirs={() => onDone?.()} />
      )}
      <div className="buttons">
        <button type="submit" className="primary">
          {pair ? 'Save' : 'Add'}
        </button>
        {onDone && (
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
