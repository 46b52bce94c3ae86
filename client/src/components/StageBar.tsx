import { useEffect, useId, useState } from 'react';
import { countOpenSuggestions, STAGES, writtenTexts, type StageId } from '../../../shared/model/index.js';
import { useConferenceActions } from '../conference/actions';
import { useIdleDocValue } from '../conference/hooks';
import { useConference } from '../conference/context';
import { useUi } from '../ui';
import { useT } from '../i18n/store';
import { stageOf } from '../i18n/words';

function elapsed(since: number, now: number): string {
  const s = Math.max(0, Math.floor((now - since) / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function StageTimer(): React.JSX.Element | null {
  const { t } = useT();
  const { chair, author, readOnly } = useConference();
  const { act } = useConferenceActions();
  const [now, setNow] = useState(() => Date.now());
  const running = chair.timerStartedAt !== null;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  const isChair = author.role === 'chair' && !readOnly;
  if (!isChair && (!running || chair.timerHidden)) return null;
  return (
    <div className="timer">
      {running && (!chair.timerHidden || isChair) && (
        <span role="timer" aria-label={t('timer.label')}>
          <span aria-hidden="true">⏱ </span>
          <bdi dir="ltr">{elapsed(chair.timerStartedAt ?? now, now)}</bdi>
          {isChair && chair.timerHidden ? ` ${t('timer.hidden')}` : ''}
        </span>
      )}
      {isChair && (
        <>
          <button type="button" onClick={() => (running ? act.stopTimer() : act.startTimer())}>
            {t(running ? 'timer.stop' : 'timer.start')}
          </button>
          {running && (
            <button type="button" onClick={() => act.setTimerHidden(!chair.timerHidden)}>
              {t(chair.timerHidden ? 'timer.show' : 'timer.hide')}
            </button>
          )}
        </>
      )}
    </div>
  );
}

/**
 * The stages of the conference. The chair moves everyone on; everyone else follows the chair, and
 * can look at another stage with a clear way back. On the tablet only the stage the chair is at is
 * shown (the rest open on a tap), and the wall names the stage and nothing else, so the content
 * comes first.
 */
export function StageBar(): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const { chair, author, readOnly, mode } = useConference();
  const { act } = useConferenceActions();
  const { viewing, view } = useUi();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const shown: StageId = viewing ?? chair.stage;
  const isChair = author.role === 'chair';
  const family = author.role === 'family';
  const number = (id: StageId): number => STAGES.findIndex((s) => s.id === id) + 1;
  const name = (id: StageId): string => stageOf(i18n, id, family);

  if (mode === 'projector') {
    return (
      <nav className="stage-bar stage-bar-wall" aria-label={t('stages.nav')}>
        <p className="current-stage" aria-current="step">
          <span className="stage-number">{i18n.number(number(chair.stage))}</span> {name(chair.stage)}
        </p>
        <StageTimer />
      </nav>
    );
  }
  const folded = mode === 'tablet';
  return (
    <nav className={`stage-bar${folded ? ' stage-bar-folded' : ''}`} aria-label={t('stages.nav')}>
      {folded && (
        <div className="stage-now">
          <p className="current-stage">{t('stages.now', { stage: `${i18n.number(number(shown))} ${name(shown)}` })}</p>
          <button type="button" aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)}>
            {t('stages.all')}
          </button>
        </div>
      )}
      <ol id={listId} hidden={folded && !open}>
        {STAGES.map((stage) => {
          const current = chair.stage === stage.id;
          return (
            <li key={stage.id}>
              <button
                type="button"
                className={`stage${current ? ' chair-here' : ''}${shown === stage.id ? ' shown' : ''}`}
                aria-current={current ? 'step' : undefined}
                aria-pressed={shown === stage.id}
                onClick={() => {
                  setOpen(false);
                  if (isChair && !readOnly) {
                    act.setStage(stage.id);
                    view(null);
                  } else view(stage.id === chair.stage ? null : stage.id);
                }}
              >
                <span className="stage-number">{i18n.number(number(stage.id))}</span> {name(stage.id)}
                {current && (
                  <span className="chair-mark" aria-hidden="true">
                    {' '}
                    {i18n.dir === 'rtl' ? '▶' : '◀'} {t('stages.chairHere')}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ol>
      <div className="stage-tools">
        {viewing !== null && viewing !== chair.stage && (
          <button type="button" className="primary" onClick={() => view(null)}>
            {t('stages.back', { stage: name(chair.stage) })}
          </button>
        )}
        <StageTimer />
        {isChair && !readOnly && <OpenSuggestions />}
      </div>
    </nav>
  );
}

const openSuggestions = (doc: Parameters<typeof writtenTexts>[0]): number => countOpenSuggestions(writtenTexts(doc));

/** For the chair: how many wording suggestions are open across the conference. */
function OpenSuggestions(): React.JSX.Element {
  const { t } = useT();
  const { connection } = useConference();
  // Counted when the screen is idle: it reads every text in the conference.
  const count = useIdleDocValue(connection.doc, openSuggestions);
  return (
    <span className="suggestion-count" role="status" data-testid="open-suggestions">
      {count === null ? null : count === 0 ? t('suggestions.none') : t('suggestions.open', { count })}
    </span>
  );
}
