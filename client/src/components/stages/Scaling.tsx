import { useCallback, useEffect, useId, useState } from 'react';
import {
  DEFAULT_SCALE_WORDING,
  readDangerPairs,
  readScores,
  scoreStats,
  type AccessRole,
  type DangerPair,
  type Score,
} from '../../../../shared/model/index.js';
import { api } from '../../api';
import { useConferenceActions } from '../../conference/actions';
import { useConference } from '../../conference/context';
import { useDocJson } from '../../conference/hooks';
import { useT } from '../../i18n/store';
import { rich } from '../../i18n/Rich';
import { errorWords, forFamily, roleOf } from '../../i18n/words';
import { useTransient } from '../useTransient';
import { LastTime, Trajectory } from '../across/Trajectory';

type HiddenStatus = Awaited<ReturnType<typeof api.hiddenScores>>;

export function Scaling(): React.JSX.Element {
  const { t } = useT();
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
  const family = author.role === 'family';
  return (
    <div className="stage-view">
      <h2>{t(forFamily('scale.title', family))}</h2>
      {/* The council's own wording is shown as the chair wrote it; the product's default, in the reader's language. */}
      <p className="scale-wording" dir="auto">
        {chair.settings.scaleWording === DEFAULT_SCALE_WORDING ? t('scale.defaultWording') : chair.settings.scaleWording}
      </p>
      {isChair && !readOnly && <ScoringSettings />}
      {isChair && !readOnly && pairs.length > 0 && <EnterScoreFor pairs={pairs} onGiven={refresh} />}
      {pairs.length === 0 && <p className="muted">{t(forFamily('scale.noPairs', family))}</p>}
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
  const { t } = useT();
  const { chair } = useConference();
  const { act } = useConferenceActions();
  const [wording, setWording] = useState(chair.settings.scaleWording);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  return (
    <details className="settings">
      <summary>{t('scale.settings')}</summary>
      <fieldset>
        <legend>{t('scale.how')}</legend>
        <label className="choice">
          <input
            type="radio"
            name="scoring"
            checked={chair.settings.scoring === 'open'}
            onChange={() => act.updateSettings({ scoring: 'open' })}
          />
          {t('scale.open')}
        </label>
        <label className="choice">
          <input
            type="radio"
            name="scoring"
            checked={chair.settings.scoring === 'hidden'}
            onChange={() => act.updateSettings({ scoring: 'hidden' })}
          />
          {t('scale.hidden')}
        </label>
      </fieldset>
      <label className="choice">
        <input
          type="checkbox"
          checked={chair.settings.familyFirst}
          onChange={(e) => act.updateSettings({ familyFirst: e.target.checked })}
        />
        {t('scale.familyFirst')}
      </label>
      {chair.settings.familyFirst && (
        <button type="button" onClick={() => act.setEveryoneMayScore(!chair.everyoneMayScore)}>
          {t(chair.everyoneMayScore ? 'scale.onlyFamilyNow' : 'scale.everyoneNow')}
        </button>
      )}
      <label htmlFor={id}>{t('scale.wording')}</label>
      <textarea id={id} rows={2} dir="auto" value={wording} onChange={(e) => setWording(e.target.value)} />
      <button
        type="button"
        onClick={() => {
          const r = act.updateSettings({ scaleWording: wording });
          setError(r.ok ? null : r.message);
        }}
      >
        {t('scale.saveWording')}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}

/**
 * The scores on the scale from 0 to 10, with a key in words: a dot for each score (family and
 * professionals in two colours and shapes), the shaded stretch from the lowest to the highest, and
 * the line at the score in the middle. It reads the way the slider does: from the right in a
 * right-to-left language.
 */
function ScaleChart({ scores }: { scores: Score[] }): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const stats = scoreStats(scores.map((s) => s.value));
  const rtl = i18n.dir === 'rtl';
  const x = (v: number): number => (rtl ? 380 - v * 36 : 20 + v * 36);
  const left = (a: number, b: number): number => Math.min(x(a), x(b));
  return (
    <figure className="scale-figure">
      <svg
        className="scale-chart"
        viewBox="0 0 400 70"
        role="img"
        aria-label={t('chart.label', { values: scores.length ? i18n.list(scores.map((s) => i18n.number(s.value))) : t('chart.noneYet') })}
      >
        <line x1={x(0)} y1={40} x2={x(10)} y2={40} stroke="#505a5f" strokeWidth={2} />
        {Array.from({ length: 11 }, (_, v) => (
          <g key={v}>
            <line x1={x(v)} y1={35} x2={x(v)} y2={45} stroke="#505a5f" />
            <text x={x(v)} y={62} textAnchor="middle" fontSize={12}>
              {i18n.number(v)}
            </text>
          </g>
        ))}
        {stats.min !== null && stats.max !== null && (
          <rect
            x={left(stats.min, stats.max)}
            y={30}
            width={Math.abs(x(stats.max) - x(stats.min))}
            height={20}
            fill="#1d70b8"
            opacity={0.15}
          />
        )}
        {scores.map((s, i) =>
          s.role === 'family' ? (
            <circle key={`${s.subject}-${i}`} cx={x(s.value)} cy={40 - (i % 3) * 9 + 9} r={6} fill="#00703c" />
          ) : (
            <rect key={`${s.subject}-${i}`} x={x(s.value) - 5.5} y={40 - (i % 3) * 9 + 9 - 5.5} width={11} height={11} fill="#1d4f91" />
          ),
        )}
        {stats.median !== null && <line x1={x(stats.median)} y1={22} x2={x(stats.median)} y2={52} stroke="#a4262c" strokeWidth={3} />}
      </svg>
      <figcaption className="chart-key">
        <span className="visually-hidden">{t('chart.key')}: </span>
        <span>
          <span className="key-mark key-family" aria-hidden="true" /> {t('chart.familyScore')}
        </span>
        <span>
          <span className="key-mark key-professional" aria-hidden="true" /> {t('chart.professionalScore')}
        </span>
        <span>
          <span className="key-mark key-middle" aria-hidden="true" /> {t('chart.middle')}
        </span>
        <span>
          <span className="key-mark key-range" aria-hidden="true" /> {t('chart.range')}
        </span>
      </figcaption>
    </figure>
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
  const i18n = useT();
  const { t } = i18n;
  const { connection, author, chair, token, readOnly } = useConference();
  const { act, can } = useConferenceActions();
  const family = author.role === 'family';
  const revealed = chair.revealed.has(pair.id);
  const hiddenMode = chair.settings.scoring === 'hidden' && !revealed;
  const shown = scores.find((s) => s.participantId === author.id);
  const mine = hiddenMode ? hidden?.mine.find((m) => m.pairId === pair.id) : shown;
  const [value, setValue] = useState<number>(mine?.value ?? 5);
  const [nextStep, setNextStep] = useState(mine?.nextStep ?? '');
  // What happened to this person's score: it passes, and it goes once the scores are shown.
  const [message, setMessage] = useTransient<string>();
  const ids = { slider: useId(), next: useId() };
  const waitForFamily = !can.scoreNow;
  const stats = scoreStats(scores.map((s) => s.value));
  const scoredHidden = hidden?.scored.filter((s) => s.pairId === pair.id) ?? [];
  // Once everyone's scores are shown, a score given then stays as it is.
  const settled = revealed && shown !== undefined;
  // The message about a hidden score makes no sense once the scores are shown.
  useEffect(() => setMessage(null), [revealed, chair.settings.scoring, setMessage]);

  const give = async (): Promise<void> => {
    if (hiddenMode) {
      try {
        await api.giveScore(connection.conferenceId, token, { pairId: pair.id, value, nextStep });
        setMessage(t('scale.inHidden'));
        onGiven();
      } catch (err) {
        setMessage(errorWords(i18n, err, 'api.score', family), false);
      }
      return;
    }
    const r = act.giveOpenScore({ pairId: pair.id, value, nextStep });
    if (r.ok) setMessage(t('scale.in'));
    else setMessage(r.message, false);
  };

  return (
    <section className="scale-pair" aria-labelledby={`scale-${pair.id}`}>
      <h3 id={`scale-${pair.id}`}>{t(forFamily('danger.statement', family), { n: index + 1 })}</h3>
      <p className="danger-text" dir="auto">
        {pair.danger}
      </p>
      <LastTime pair={pair} />
      {!readOnly ? (
        settled ? (
          <p className="muted">{t('scale.shownYours', { value: shown?.value ?? 0 })}</p>
        ) : waitForFamily ? (
          <p role="status" className="muted">
            {t('scale.familyFirstWait')}
          </p>
        ) : (
          <div className="my-score">
            <label htmlFor={ids.slider}>
              {rich(i18n, 'scale.yourScore', { value: <strong className="big-number">{i18n.number(value)}</strong> })}
            </label>
            <input
              id={ids.slider}
              type="range"
              min={0}
              max={10}
              step={1}
              value={value}
              onChange={(e) => setValue(Number(e.target.value))}
              aria-valuetext={t('scale.outOf10', { value })}
              className="slider"
            />
            <div className="slider-ends" aria-hidden="true">
              <span>{t('scale.notSafe')}</span>
              <span>{t('scale.safeEnough')}</span>
            </div>
            <label htmlFor={ids.next}>{t('scale.nextStep')}</label>
            <textarea id={ids.next} rows={2} dir="auto" value={nextStep} onChange={(e) => setNextStep(e.target.value)} />
            <button type="button" className="primary" onClick={() => void give()}>
              {t(mine ? 'scale.change' : 'scale.give')}
            </button>
            {message && <p role="status">{message}</p>}
          </div>
        )
      ) : null}
      {(hiddenMode || scoredHidden.length > 0) && (
        <div className="hidden-scores">
          <p role="status">
            {t(hiddenMode ? 'scale.hiddenUntil' : 'scale.someHidden')}{' '}
            {scoredHidden.length === 0
              ? t('scale.nobodyYet')
              : t('scale.scoredSoFar', { names: i18n.list(scoredHidden.map((s) => s.name)) })}
          </p>
          {author.role === 'chair' && !readOnly && scoredHidden.length > 0 && (
            <button
              type="button"
              className="primary"
              onClick={() => void api.revealScores(connection.conferenceId, token, pair.id).then(onGiven)}
            >
              {t('scale.showAll')}
            </button>
          )}
        </div>
      )}
      {!hiddenMode && (
        <>
          <ScaleChart scores={scores} />
          <p data-testid={`stats-${index}`}>
            {stats.count === 0
              ? t('scale.noScores')
              : t(forFamily('scale.stats', family), {
                  count: stats.count,
                  median: stats.median ?? 0,
                  min: stats.min ?? 0,
                  max: stats.max ?? 0,
                  spread: stats.spread ?? 0,
                })}
          </p>
          <table className="scores">
            <caption className="visually-hidden">{t(forFamily('scale.caption', family), { n: index + 1 })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('scale.who')}</th>
                <th scope="col">{t('scale.score')}</th>
                <th scope="col">{t('scale.moveUp')}</th>
              </tr>
            </thead>
            <tbody>
              {scores.map((s) => (
                <tr key={s.subject}>
                  <td>
                    <bdi>{s.name}</bdi>
                    {t('common.listSeparator')}
                    <bdi>{roleOf(i18n, s.roleLabel)}</bdi>
                    {s.enteredBy && <span className="muted"> {t('scale.entered')}</span>}
                  </td>
                  <td>{i18n.number(s.value)}</td>
                  <td dir="auto">{s.nextStep}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <Trajectory pair={pair} index={index} scores={scores} />
    </section>
  );
}

/** The chair gives the score of someone in the room without a device, marked as entered by the chair. */
function EnterScoreFor({ pairs, onGiven }: { pairs: DangerPair[]; onGiven: () => void }): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const { connection, chair, token } = useConference();
  const { act } = useConferenceActions();
  const [pairId, setPairId] = useState(pairs[0]?.id ?? '');
  const [name, setName] = useState('');
  const [roleLabel, setRoleLabel] = useState('');
  const [role, setRole] = useState<AccessRole>('family');
  const [value, setValue] = useState(5);
  const [nextStep, setNextStep] = useState('');
  const [message, setMessage] = useTransient<string>();
  const ids = { pair: useId(), name: useId(), role: useId(), value: useId(), next: useId() };
  const submit = async (): Promise<void> => {
    const person = { name, roleLabel, role };
    if (chair.settings.scoring === 'hidden' && !chair.revealed.has(pairId)) {
      try {
        await api.giveScore(connection.conferenceId, token, { pairId, value, nextStep, for: person });
        onGiven();
      } catch (err) {
        setMessage(errorWords(i18n, err, 'api.score'), false);
        return;
      }
    } else {
      const r = act.enterScoreFor({ pairId, value, nextStep, ...person });
      if (!r.ok) {
        setMessage(r.message, false);
        return;
      }
    }
    setMessage(t('enter.done', { name }));
    setName('');
    setRoleLabel('');
    setNextStep('');
  };
  return (
    <details className="settings">
      <summary>{t('enter.title')}</summary>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor={ids.pair}>{t('enter.which')}</label>
        <select id={ids.pair} value={pairId} onChange={(e) => setPairId(e.target.value)}>
          {pairs.map((p, i) => (
            <option key={p.id} value={p.id}>
              {t('danger.statement', { n: i + 1 })}
            </option>
          ))}
        </select>
        <label htmlFor={ids.name}>{t('enter.theirName')}</label>
        <input id={ids.name} dir="auto" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        <label htmlFor={ids.role}>{t('enter.who')}</label>
        <input id={ids.role} dir="auto" value={roleLabel} onChange={(e) => setRoleLabel(e.target.value)} autoComplete="off" />
        <fieldset>
          <legend>{t('enter.theyAre')}</legend>
          <label className="choice">
            <input type="radio" name="entered-role" checked={role === 'family'} onChange={() => setRole('family')} />
            {t('enter.isFamily')}
          </label>
          <label className="choice">
            <input type="radio" name="entered-role" checked={role === 'professional'} onChange={() => setRole('professional')} />
            {t('enter.isProfessional')}
          </label>
        </fieldset>
        <label htmlFor={ids.value}>{rich(i18n, 'enter.score', { value: <strong>{i18n.number(value)}</strong> })}</label>
        <input id={ids.value} type="range" min={0} max={10} step={1} value={value} onChange={(e) => setValue(Number(e.target.value))} />
        <label htmlFor={ids.next}>{t('enter.next')}</label>
        <textarea id={ids.next} rows={2} dir="auto" value={nextStep} onChange={(e) => setNextStep(e.target.value)} />
        <button type="submit">{t('enter.give')}</button>
        {message && <p role="status">{message}</p>}
      </form>
    </details>
  );
}
