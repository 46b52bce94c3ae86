import { useId, useState } from 'react';
import { MAX_DANGER_PAIRS, readDangerPairs, type DangerPair } from '../../../../shared/model/index.js';
import { useConferenceActions, type ActionResult } from '../../conference/actions';
import { useConference } from '../../conference/context';
import { useDocJson } from '../../conference/hooks';
import { useT } from '../../i18n/store';
import { forFamily, roleOf } from '../../i18n/words';
import { ConflictNotice } from '../ConflictNotice';
import { LanguageHints } from '../LanguageHints';
import { AgreedControls } from './AgreedControls';
import { OriginLine, ViewsBeside } from '../across/Notes';

/**
 * Danger statements and their safety goals. The family reads them as "worries" and "what needs to
 * happen", with a plain shape to start from instead of the professionals' one.
 */
export function DangerStatements(): React.JSX.Element {
  const { t } = useT();
  const { connection, author, readOnly } = useConference();
  const { act } = useConferenceActions();
  const pairs = useDocJson(connection.doc, readDangerPairs);
  const family = author.role === 'family';
  return (
    <div className="stage-view">
      <h2>{t(forFamily('danger.title', family))}</h2>
      <p className="muted">{t(family ? 'danger.help.family' : 'danger.help', { max: MAX_DANGER_PAIRS })}</p>
      <ol className="pairs" data-testid="danger-pairs">
        {pairs.map((pair, i) => (
          <PairView key={pair.id} pair={pair} index={i} />
        ))}
      </ol>
      {!readOnly &&
        (pairs.length < MAX_DANGER_PAIRS ? (
          <PairForm save={(draft) => act.addPair(draft)} />
        ) : (
          <p role="status">{t(forFamily('danger.full', family), { max: MAX_DANGER_PAIRS })}</p>
        ))}
    </div>
  );
}

function PairView({ pair, index }: { pair: DangerPair; index: number }): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const { author } = useConference();
  const { act, can } = useConferenceActions();
  const family = author.role === 'family';
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mayChange = can.changeRecord('dangerPairs', pair);
  const title = t(forFamily('danger.statement', family), { n: index + 1 });
  if (editing && mayChange)
    return (
      <li className="pair">
        <PairForm pair={pair} save={(draft, force) => act.editPair(pair.id, pair, draft, force)} onDone={() => setEditing(false)} />
      </li>
    );
  return (
    <li className="pair">
      <h3>{title}</h3>
      <p className="danger-text" dir="auto">
        {pair.danger}
      </p>
      <h4>{t(forFamily('danger.goal', family))}</h4>
      <p className="goal-text" dir="auto">
        {pair.goal}
      </p>
      <p className="muted">
        {pair.addedBy.id === author.id
          ? t('danger.writtenByYou')
          : t('danger.writtenBy', {
              name: t('common.nameAndRole', { name: pair.addedBy.name, role: roleOf(i18n, pair.addedBy.roleLabel) }),
            })}
      </p>
      <OriginLine origin={pair.origin} />
      <ViewsBeside target={`dangerPairs/${pair.id}`} label={title} />
      <AgreedControls root="dangerPairs" record={pair} label={title} />
      {mayChange && (
        <div className="buttons">
          <button type="button" onClick={() => setEditing(true)}>
            {t('common.edit')}
          </button>
          <button
            type="button"
            onClick={() => {
              const r = act.removePair(pair.id);
              setError(r.ok ? null : r.message);
            }}
          >
            {t('common.remove')}
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
  const { t } = useT();
  const { author } = useConference();
  const family = author.role === 'family';
  const [danger, setDanger] = useState(pair?.danger ?? '');
  const [goal, setGoal] = useState(pair?.goal ?? '');
  const [error, setError] = useState<string | null>(null);
  const [theirs, setTheirs] = useState<Record<string, string> | null>(null);
  const ids = { danger: useId(), goal: useId(), dangerShape: useId(), goalShape: useId() };
  const dangerShape = t(forFamily('danger.dangerShape', family));
  const goalShape = t(forFamily('danger.goalShape', family));
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
      <h3>{t(forFamily(pair ? 'danger.editTitle' : 'danger.addTitle', family))}</h3>
      <label htmlFor={ids.danger}>{t(forFamily('danger.label', family))}</label>
      <p className="hint" id={ids.dangerShape}>
        {t(forFamily('danger.shape', family), { shape: dangerShape })}
      </p>
      <textarea
        id={ids.danger}
        rows={4}
        dir="auto"
        value={danger}
        onChange={(e) => setDanger(e.target.value)}
        aria-describedby={ids.dangerShape}
      />
      {danger === '' && (
        <button type="button" onClick={() => setDanger(dangerShape)}>
          {t(forFamily('danger.startFromShape', family))}
        </button>
      )}
      <LanguageHints text={danger} onChange={setDanger} context="danger" author={pair?.addedBy.role} />
      <label htmlFor={ids.goal}>{t(forFamily('danger.goal', family))}</label>
      <p className="hint" id={ids.goalShape}>
        {t(forFamily('danger.shape', family), { shape: goalShape })}
      </p>
      <textarea id={ids.goal} rows={4} dir="auto" value={goal} onChange={(e) => setGoal(e.target.value)} aria-describedby={ids.goalShape} />
      {goal === '' && (
        <button type="button" onClick={() => setGoal(goalShape)}>
          {t(forFamily('danger.startFromShape', family))}
        </button>
      )}
      <LanguageHints text={goal} onChange={setGoal} author={pair?.addedBy.role} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {theirs && (
        <ConflictNotice
          what={t(forFamily('conflict.pair', family))}
          theirs={Object.values(theirs)}
          keepMine={() => submit(true)}
          keepTheirs={() => onDone?.()}
        />
      )}
      <div className="buttons">
        <button type="submit" className="primary">
          {t(pair ? 'common.save' : 'common.add')}
        </button>
        {onDone && (
          <button type="button" onClick={onDone}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
