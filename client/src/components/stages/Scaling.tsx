import { useCallback, useEffect, useId, useState } from 'react';
import { readDangerPairs, readScores, scoreStats, type AccessRole, type DangerPair, type Score } from '../../../../shared/model/index.js';
import { api } from '../../api';
import { useConferenceActions } from '../../conference/actions';
import { useConference } from '../../conference/context';
import { useDocJson } from '../../conference/hooks';

type HiddenStatus = Awaited<ReturnType<typeof api.hiddenScores>>;

export function Scaling(): React.JSX.Element {
  const { connection, author, chair, token, readOnly } = useConference();
  const pairs = useDocJson(connection.doc, readDangerPairs);
  const scores = useDocJson(connection.doc, readScores);
  const [hidden, setHidden] = useState<HiddenStatus | null>(null);
  // Scores given in private stay on the server until the chair shows them, whatever the scoring
  // mode is now: the screen keeps asking who has given one, so none is ever forgotten.
  const refresh = useCallback(() => {
    if (readOnly) return;
    api
      .hiddenScores(connection.conferenceId, token)
      .then(setHidden)
      .catch(() => undefined);
  }, [connection.conferenceId, token, readOnly]);
  useEffect(() => {
    refresh();
    const t = setInterval(refresh, 2000);
    return () => clearInterval(t);
  }, [refresh]);

  const isChair = author.role === 'chair';
  return (
    <div className="stage-view">
      <h2>{author.role === 'family' ? 'How safe things are now (0 to 10)' : 'Scaling'}</h2>
      <p className="scale-wording">{chair.settings.scaleWording}</p>
      {isChair && !readOnly && <ScoringSettings />}
      {isChair && !readOnly && pairs.length > 0 && <EnterScoreFor pairs={pairs} onGiven={refresh} />}
      {pairs.length === 0 && <p className="muted">There are no danger statements yet: add them in stage 3 first.</p>}
      {pairs.map((pair, i) => (
        <ScalePair
          key={pair.id}
          pair={pair}
          index={i}
          scores={scores.filter((s) => s.pairId === pair.id)}
          hidden={hidden}
          onGiven={refresh}
        />
      ))}
    </div>
  );
}

function ScoringSettings(): React.JSX.Element {
  const { chair } = useConference();
  const { act } = useConferenceActions();
  const [wording, setWording] = useState(chair.settings.scaleWording);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  return (
    <details className="settings">
      <summary>Scoring settings</summary>
      <fieldset>
        <legend>How scores are given</legend>
        <label className="choice">
          <input
            type="radio"
            name="scoring"
            checked={chair.settings.scoring === 'open'}
            onChange={() => act.updateSettings({ scoring: 'open' })}
          />
          Open: everyone sees each score as it is given
        </label>
        <label className="choice">
          <input
            type="radio"
            name="scoring"
            checked={chair.settings.scoring === 'hidden'}
            onChange={() => act.updateSettings({ scoring: 'hidden' })}
          />
          Hidden: scores stay hidden until I show them all together
        </label>
      </fieldset>
      <label className="choice">
        <input
          type="checkbox"
          checked={chair.settings.familyFirst}
          onChange={(e) => act.updateSettings({ familyFirst: e.target.checked })}
        />
        The family gives their scores first
      </label>
      {chair.settings.familyFirst && (
        <button type="button" onClick={() => act.setEveryoneMayScore(!chair.everyoneMayScore)}>
          {chair.everyoneMayScore ? 'Only the family may score for now' : 'Now everyone may score'}
        </button>
      )}
      <label htmlFor={id}>The scale’s wording (your council’s)</label>
      <textarea id={id} rows={2} value={wording} onChange={(e) => setWording(e.target.value)} />
      <button
        type="button"
        onClick={() => {
          const r = act.updateSettings({ scaleWording: wording });
          setError(r.ok ? null : r.message);
        }}
      >
        Save the wording
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}

function ScaleChart({ scores }: { scores: Score[] }): React.JSX.Element {
  const stats = scoreStats(scores.map((s) => s.value));
  const x = (v: number): number => 20 + v * 36;
  return (
    <svg
      className="scale-chart"
      viewBox="0 0 400 70"
      role="img"
      aria-label={`Scores from 0 to 10: ${scores.map((s) => s.value).join(', ') || 'none yet'}`}
    >
      <line x1={x(0)} y1={40} x2={x(10)} y2={40} stroke="#505a5f" strokeWidth={2} />
      {Array.from({ length: 11 }, (_, v) => (
        <g key={v}>
          <line x1={x(v)} y1={35} x2={x(v)} y2={45} stroke="#505a5f" />
          <text x={x(v)} y={62} textAnchor="middle" fontSize={12}>
            {v}
          </text>
        </g>
      ))}
      {stats.min !== null && stats.max !== null && (
        <rect x={x(stats.min)} y={30} width={x(stats.max) - x(stats.min)} height={20} fill="#1d70b8" opacity={0.15} />
      )}
      {scores.map((s, i) => (
        <circle
          key={`${s.participantId}-${i}`}
          cx={x(s.value)}
          cy={40 - (i % 3) * 9 + 9}
          r={6}
          fill={s.role === 'family' ? '#00703c' : '#1d4f91'}
        />
      ))}
      {stats.median !== null && <line x1={x(stats.median)} y1={22} x2={x(stats.median)} y2={52} stroke="#a4262c" strokeWidth={3} />}
    </svg>
  );
}

function ScalePair({
  pair,
  index,
  scores,
  hidden,
  onGiven,
}: {
  pair: DangerPair;
  index: number;
  scores: Score[];
  hidden: HiddenStatus | null;
  onGiven: () => void;
}): React.JSX.Element {
  const { connection, author, chair, token, readOnly } = useConference();
  const { act, can } = useConferenceActions();
  const revealed = chair.revealed.has(pair.id);
  const hiddenMode = chair.settings.scoring === 'hidden' && !revealed;
  const shown = scores.find((s) => s.participantId === author.id);
  const mine = hiddenMode ? hidden?.mine.find((m) => m.pairId === pair.id) : shown;
  const [value, setValue] = useState<number>(mine?.value ?? 5);
  const [nextStep, setNextStep] = useState(mine?.nextStep ?? '');
  const [message, setMessage] = useState<string | null>(null);
  const ids = { slider: useId(), next: useId() };
  const waitForFamily = !can.scoreNow;
  const stats = scoreStats(scores.map((s) => s.value));
  const scoredHidden = hidden?.scored.filter((s) => s.pairId === pair.id) ?? [];
  // Once everyone's scores are shown, a score given then stays as it is.
  const settled = revealed && shown !== undefined;
  // The message about a hidden score makes no sense once the scores are shown.
  useEffect(() => setMessage(null), [revealed]);

  const give = async (): Promise<void> => {
    if (hiddenMode) {
      try {
        await api.giveScore(connection.conferenceId, token, { pairId: pair.id, value, nextStep });
        setMessage('Your score is in. It stays hidden until the chair shows everyone’s scores together.');
        onGiven();
      } catch (err) {
        setMessage(err instanceof Error ? err.message : 'Your score could not be given.');
      }
      return;
    }
    const r = act.giveOpenScore({ pairId: pair.id, value, nextStep });
    setMessage(r.ok ? 'Your score is in.' : r.message);
  };

  return (
    <section className="scale-pair" aria-labelledby={`scale-${pair.id}`}>
      <h3 id={`scale-${pair.id}`}>{author.role === 'family' ? `Worry ${index + 1}` : `Danger statement ${index + 1}`}</h3>
      <p className="danger-text">{pair.danger}</p>
      {!readOnly ? (
        settled ? (
          <p className="muted">Everyone’s scores have been shown. Yours was {shown?.value}.</p>
        ) : waitForFamily ? (
          <p role="status" className="muted">
            The family gives their scores first. You can score when the chair says so.
          </p>
        ) : (
          <div className="my-score">
            <label htmlFor={ids.slider}>
              Your score: <strong className="big-number">{value}</strong> out of 10
            </label>
            <input
              id={ids.slider}
              type="range"
              min={0}
              max={10}
              step={1}
              value={value}
              onChange={(e) => setValue(Number(e.target.value))}
              aria-valuetext={`${value} out of 10`}
              className="slider"
            />
            <div className="slider-ends" aria-hidden="true">
              <span>0: not safe</span>
              <span>10: safe enough</span>
            </div>
            <label htmlFor={ids.next}>What would move it up one point?</label>
            <textarea id={ids.next} rows={2} value={nextStep} onChange={(e) => setNextStep(e.target.value)} />
            <button type="button" className="primary" onClick={() => void give()}>
              {mine ? 'Change my score' : 'Give my score'}
            </button>
            {message && <p role="status">{message}</p>}
          </div>
        )
      ) : null}
      {(hiddenMode || scoredHidden.length > 0) && (
        <div className="hidden-scores">
          <p role="status">
            {hiddenMode ? 'Scores are hidden until the chair shows them together. ' : 'Some scores were given in private and are not shown yet. '}
            {scoredHidden.length === 0 ? 'Nobody has scored yet.' : `Scored so far: ${scoredHidden.map((s) => s.name).join(', ')}.`}
          </p>
          {author.role === 'chair' && !readOnly && scoredHidden.length > 0 && (
            <button
              type="button"
              className="primary"
              onClick={() => void api.revealScores(connection.conferenceId, token, pair.id).then(onGiven)}
            >
              Show everyone’s scores
            </button>
          )}
        </div>
      )}
      {!hiddenMode && (
        <>
          <ScaleChart scores={scores} />
          <p data-testid={`stats-${index}`}>
            {stats.count === 0
              ? 'No scores yet.'
              : `${stats.count} ${stats.count === 1 ? 'score' : 'scores'}: middle score (median) ${stats.median}, from ${stats.min} to ${stats.max} (a spread of ${stats.spread}).`}
          </p>
          <table className="scores">
            <caption className="visually-hidden">Scores for danger statement {index + 1}</caption>
            <thead>
              <tr>
                <th scope="col">Who</th>
                <th scope="col">Score</th>
                <th scope="col">What would move it up one point</th>
              </tr>
            </thead>
            <tbody>
              {scores.map((s) => (
                <tr key={s.subject}>
                  <td>
                    {s.name}, {s.roleLabel}
                    {s.enteredBy && <span className="muted"> (entered by the chair)</span>}
                  </td>
                  <td>{s.value}</td>
                  <td>{s.nextStep}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** The chair gives the score of someone in the room without a device, marked as entered by the chair. */
function EnterScoreFor({ pairs, onGiven }: { pairs: DangerPair[]; onGiven: () => void }): React.JSX.Element {
  const { connection, chair, token } = useConference();
  const { act } = useConferenceActions();
  const [pairId, setPairId] = useState(pairs[0]?.id ?? '');
  const [name, setName] = useState('');
  const [roleLabel, setRoleLabel] = useState('');
  const [role, setRole] = useState<AccessRole>('family');
  const [value, setValue] = useState(5);
  const [nextStep, setNextStep] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const ids = { pair: useId(), name: useId(), role: useId(), value: useId(), next: useId() };
  const submit = async (): Promise<void> => {
    const person = { name, roleLabel, role };
    if (chair.settings.scoring === 'hidden' && !chair.revealed.has(pairId)) {
      try {
        await api.giveScore(connection.conferenceId, token, { pairId, value, nextStep, for: person });
        onGiven();
      } catch (err) {
        setMessage(err instanceof Error ? err.message : 'The score could not be given.');
        return;
      }
    } else {
      const r = act.enterScoreFor({ pairId, value, nextStep, ...person });
      if (!r.ok) {
        setMessage(r.message);
        return;
      }
    }
    setMessage(`${name}’s score is in, marked as entered by you.`);
    setName('');
    setRoleLabel('');
    setNextStep('');
  };
  return (
    <details className="settings">
      <summary>Give a score for someone without a device</summary>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor={ids.pair}>For which danger statement</label>
        <select id={ids.pair} value={pairId} onChange={(e) => setPairId(e.target.value)}>
          {pairs.map((p, i) => (
            <option key={p.id} value={p.id}>
              Danger statement {i + 1}
            </option>
          ))}
        </select>
        <label htmlFor={ids.name}>Their name</label>
        <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        <label htmlFor={ids.role}>Who they are (for example Aunt, or School)</label>
        <input id={ids.role} value={roleLabel} onChange={(e) => setRoleLabel(e.target.value)} autoComplete="off" />
        <fieldset>
          <legend>They are</legend>
          <label className="choice">
            <input type="radio" name="entered-role" checked={role === 'family'} onChange={() => setRole('family')} />
            Family
          </label>
          <label className="choice">
            <input type="radio" name="entered-role" checked={role === 'professional'} onChange={() => setRole('professional')} />
            A professional
          </label>
        </fieldset>
        <label htmlFor={ids.value}>
          Their score: <strong>{value}</strong> out of 10
        </label>
        <input id={ids.value} type="range" min={0} max={10} step={1} value={value} onChange={(e) => setValue(Number(e.target.value))} />
        <label htmlFor={ids.next}>What would move it up one point, in their words</label>
        <textarea id={ids.next} rows={2} value={nextStep} onChange={(e) => setNextStep(e.target.value)} />
        <button type="submit">Give their score</button>
        {message && <p role="status">{message}</p>}
      </form>
    </details>
  );
}
