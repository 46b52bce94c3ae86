import { amendmentDeadline, readActions, readNextSteps, shortHash } from '../../../../shared/model/index.js';
import { SummaryButton } from '../SummaryButton';
import { ExportButtons } from '../after/ExportButtons';
import { StartReview } from '../across/StartReview';
import { useConferenceActions } from '../../conference/actions';
import { useConference } from '../../conference/context';
import { useDocJson } from '../../conference/hooks';
import { useT } from '../../i18n/store';
import { forFamily } from '../../i18n/words';

export function End(): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const { connection, chair, author, readOnly } = useConference();
  const { act } = useConferenceActions();
  const steps = useDocJson(connection.doc, readNextSteps);
  const actions = useDocJson(connection.doc, readActions);
  const family = author.role === 'family';
  return (
    <div className="stage-view">
      <h2>{t(forFamily('end.title', family))}</h2>
      <p>
        {chair.decision.outcome ? t('end.decision', { outcome: t(`outcome.${chair.decision.outcome}`) }) : t('end.noDecision')}{' '}
        {t('end.actions', { count: actions.length })}
        {steps.review ? ` ${t(forFamily('end.review', family), { date: i18n.date(steps.review) })}` : ''}
      </p>
      {author.role === 'chair' && !readOnly && (
        <div className="inline-form">
          <label className="choice">
            <input
              type="checkbox"
              checked={chair.settings.proposedInRecord === 'mark'}
              onChange={(e) => act.updateSettings({ proposedInRecord: e.target.checked ? 'mark' : 'omit' })}
            />
            {t('end.includeUnconfirmed')}
          </label>
          <SummaryButton preview />
          <ExportButtons />
        </div>
      )}
      {chair.lockedAt !== null && (
        <div className="inline-form">
          <SummaryButton />
          <ExportButtons />
        </div>
      )}
      {chair.lockedAt !== null && (
        <p data-testid="ask-by">
          <strong>{t('end.askBy', { date: i18n.date(amendmentDeadline(chair.lockedAt)) })}</strong>
        </p>
      )}
      {chair.lockedAt === null ? (
        <p className="muted">{t(author.role === 'chair' ? 'end.chairEnds' : 'end.theChairEnds')}</p>
      ) : (
        <>
          <p role="status">{t('end.thanks')}</p>
          {chair.scoresLeftOut > 0 && <p>{t('end.leftOut', { count: chair.scoresLeftOut })}</p>}
          <StartReview />
          {chair.sealedHash && (
            <p className="muted" data-testid="record-seal">
              {t('end.sealed', { id: connection.conferenceId, hash: shortHash(chair.sealedHash) })}
            </p>
          )}
        </>
      )}
    </div>
  );
}
