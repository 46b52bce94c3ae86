import { OUTCOMES, longDate, readActions, readNextSteps, shortHash } from '../../../../shared/model/index.js';
import { SummaryButton } from '../SummaryButton';
import { useConferenceActions } from '../../conference/actions';
import { useConference } from '../../conference/context';
import { useDocJson } from '../../conference/hooks';

export function End(): React.JSX.Element {
  const { connection, chair, author, readOnly } = useConference();
  const { act } = useConferenceActions();
  const steps = useDocJson(connection.doc, readNextSteps);
  const actions = useDocJson(connection.doc, readActions);
  return (
    <div className="stage-view">
      <h2>{author.role === 'family' ? 'The end of the meeting' : 'End'}</h2>
      <p>
        {chair.decision.outcome ? `The decision: ${OUTCOMES[chair.decision.outcome]}.` : 'The decision has not been recorded.'} The plan has{' '}
        {actions.length} {actions.length === 1 ? 'action' : 'actions'}.
        {steps.review ? ` The review conference is on ${longDate(steps.review)}.` : ''}
      </p>
      {author.role === 'chair' && !readOnly && (
        <div className="inline-form">
          <label className="choice">
            <input
              type="checkbox"
              checked={chair.settings.proposedInRecord === 'mark'}
              onChange={(e) => act.updateSettings({ proposedInRecord: e.target.checked ? 'mark' : 'omit' })}
            />
            In the summary, include items I did not confirm, marked “not confirmed” (otherwise they are left out)
          </label>
          <SummaryButton label="Preview the summary (PDF)" />
        </div>
      )}
      {chair.lockedAt !== null && <SummaryButton />}
      {chair.lockedAt === null ? (
        <p className="muted">
          {author.role === 'chair'
            ? 'When everyone has had their say, end the meeting from the chair’s controls.'
            : 'The chair will end the meeting.'}
        </p>
      ) : (
        <>
          <p role="status">The meeting has ended. Thank you for taking part.</p>
          {chair.scoresLeftOut > 0 && (
            <p>
              {chair.scoresLeftOut} {chair.scoresLeftOut === 1 ? 'score was' : 'scores were'} given in private and not shown; the chair chose to
              leave {chair.scoresLeftOut === 1 ? 'it' : 'them'} out of the record.
            </p>
          )}
          {chair.sealedHash && (
            <p className="muted" data-testid="record-seal">
              Record {connection.conferenceId}, sealed with the check code {shortHash(chair.sealedHash)}. The same code is on every page of the
              summary.
            </p>
          )}
        </>
      )}
    </div>
  );
}
