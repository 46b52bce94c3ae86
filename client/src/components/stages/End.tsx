import { OUTCOMES, longDate, readActions, readNextSteps } from '../../../../shared/model/index.js';
import { useConference } from '../../conference/context';
import { useDocJson } from '../../conference/hooks';

export function End(): React.JSX.Element {
  const { connection, chair, author } = useConference();
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
      {chair.lockedAt === null ? (
        <p className="muted">
          {author.role === 'chair'
            ? 'When everyone has had their say, end the meeting from the chair’s controls.'
            : 'The chair will end the meeting.'}
        </p>
      ) : (
        <p role="status">The meeting has ended. Thank you for taking part.</p>
      )}
    </div>
  );
}
