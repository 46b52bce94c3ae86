import { useEffect, useState } from 'react';
import { countOpenSuggestions, stageLabel, STAGES, writtenTexts, type StageId } from '../../../shared/model/index.js';
import { useConferenceActions } from '../conference/actions';
import { useDocJson } from '../conference/hooks';
import { useConference } from '../conference/context';
import { useUi } from '../ui';

function elapsed(since: number, now: number): string {
  const s = Math.max(0, Math.floor((now - since) / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function StageTimer(): React.JSX.Element | null {
  const { chair, author, readOnly } = useConference();
  const { act } = useConferenceActions();
  const [now, setNow] = useState(() => Date.now());
  const running = chair.timerStartedAt !== null;
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [running]);
  const isChair = author.role === 'chair' && !readOnly;
  if (!isChair && (!running || chair.timerHidden)) return null;
  return (
    <div className="timer">
      {running && (!chair.timerHidden || isChair) && (
        <span role="timer" aria-label="Time in this stage">
          ⏱ {elapsed(chair.timerStartedAt ?? now, now)}
          {isChair && chair.timerHidden ? ' (hidden from others)' : ''}
        </span>
      )}
      {isChair && (
        <>
          <button type="button" onClick={() => (running ? act.stopTimer() : act.startTimer())}>
            {running ? 'Stop timer' : 'Start timer'}
          </button>
          {running && (
            <button type="button" onClick={() => act.setTimerHidden(!chair.timerHidden)}>
              {chair.timerHidden ? 'Show timer to everyone' : 'Hide timer from others'}
            </button>
          )}
        </>
      )}
    </div>
  );
}

/**
 * The stages of the conference. The chair moves everyone on; everyone else follows the chair, and
 * can look at another stage with a clear way back.
 */
export function StageBar(): React.JSX.Element {
  const { chair, author, readOnly } = useConference();
  const { act } = useConferenceActions();
  const { viewing, view } = useUi();
  const shown: StageId = viewing ?? chair.stage;
  const isChair = author.role === 'chair';
  const family = author.role === 'family';
  return (
    <nav className="stage-bar" aria-label="Stages of the conference">
      <ol>
        {STAGES.map((stage, i) => {
          const current = chair.stage === stage.id;
          return (
            <li key={stage.id}>
              <button
                type="button"
                className={`stage${current ? ' chair-here' : ''}${shown === stage.id ? ' shown' : ''}`}
                aria-current={current ? 'step' : undefined}
                aria-pressed={shown === stage.id}
                onClick={() => {
                  if (isChair && !readOnly) {
                    act.setStage(stage.id);
                    view(null);
                  } else view(stage.id === chair.stage ? null : stage.id);
                }}
              >
                <span className="stage-number">{i + 1}</span> {stageLabel(stage.id, family)}
              </button>
            </li>
          );
        })}
      </ol>
      <div className="stage-tools">
        {viewing !== null && viewing !== chair.stage && (
          <button type="button" className="primary" onClick={() => view(null)}>
            Back to where the chair is ({stageLabel(chair.stage, family)})
          </button>
        )}
        <StageTimer />
        {isChair && <OpenSuggestions />}
      </div>
    </nav>
  );
}

const openSuggestions = (doc: Parameters<typeof writtenTexts>[0]): number => countOpenSuggestions(writtenTexts(doc));

/** For the chair: how many wording suggestions are open across the conference. */
function OpenSuggestions(): React.JSX.Element {
  const { connection } = useConference();
  const count = useDocJson(connection.doc, openSuggestions);
  return (
    <span className="suggestion-count" role="status" data-testid="open-suggestions">
      {count === 0 ? 'No wording suggestions open' : `${count} wording ${count === 1 ? 'suggestion' : 'suggestions'} open`}
    </span>
  );
}
