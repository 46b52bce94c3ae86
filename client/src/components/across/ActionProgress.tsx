import { useId, useState } from 'react';
import { PROGRESS, type Action, type Progress } from '../../../../shared/model/index.js';
import { useConferenceActions } from '../../conference/actions';
import { useT } from '../../i18n/store';
import { Typed } from '../../i18n/Rich';

/**
 * In a review, an action carried from the last conference: how far it got (done, partly, not done,
 * no longer needed) with a note. Whoever may change the action says it; everyone else reads it.
 */
export function ActionProgress({ action }: { action: Action }): React.JSX.Element | null {
  const { t } = useT();
  const { act, can } = useConferenceActions();
  const [progress, setProgress] = useState<Progress | null>(action.progress);
  const [note, setNote] = useState(action.progressNote);
  const [said, setSaid] = useState<string | null>(null);
  const ids = { legend: useId(), note: useId() };
  if (!action.origin) return null;
  if (!can.changeRecord('actions', action))
    return (
      <p className="progress" data-testid="progress">
        {action.progress ? t('progress.shown', { progress: t(`progress.${action.progress}`) }) : t('progress.notSaid')}
        {action.progressNote && (
          <>
            {' '}
            <Typed>{action.progressNote}</Typed>
          </>
        )}
      </p>
    );
  return (
    <form
      className="inline-form progress"
      data-testid="progress"
      onSubmit={(e) => {
        e.preventDefault();
        const r = act.setProgress(action.id, progress, note);
        setSaid(r.ok ? t('progress.saved') : r.message);
      }}
    >
      <fieldset>
        <legend id={ids.legend}>{t('progress.legend')}</legend>
        {PROGRESS.map((p) => (
          <label key={p} className="choice">
            <input type="radio" name={`progress-${action.id}`} checked={progress === p} onChange={() => setProgress(p)} />
            {t(`progress.${p}`)}
          </label>
        ))}
      </fieldset>
      <label htmlFor={ids.note}>{t('progress.note')}</label>
      <textarea id={ids.note} rows={2} dir="auto" value={note} onChange={(e) => setNote(e.target.value)} />
      <button type="submit">{t('progress.save')}</button>
      <span role="status">{said}</span>
    </form>
  );
}
