import { useId, useState } from 'react';
import { defaultNextSteps, longDate, readNetwork, readNextSteps, timescaleWarnings } from '../../../../shared/model/index.js';
import { useConferenceActions } from '../../conference/actions';
import { useConference } from '../../conference/context';
import { useDocJson, usePresence } from '../../conference/hooks';

export function NextSteps(): React.JSX.Element {
  const { connection, author, details } = useConference();
  const { act, can } = useConferenceActions();
  const steps = useDocJson(connection.doc, readNextSteps);
  const people = usePresence(connection);
  const network = useDocJson(connection.doc, readNetwork);
  const [extra, setExtra] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ids = { core: useId(), first: useId(), visits: useId(), review: useId() };
  const editable = can.isChair;
  const warnings = details ? timescaleWarnings(steps, details.date, details.kind) : [];
  const candidates = [
    ...new Set([
      ...people.map((p) => `${p.name} (${p.roleLabel})`),
      ...network.map((n) => `${n.name} (${n.relationship})`),
      ...steps.coreGroup,
    ]),
  ];
  const change = (c: Parameters<typeof act.updateNextSteps>[0]): void => {
    const r = act.updateNextSteps(c);
    setError(r.ok ? null : r.message);
  };
  const warningFor = (field: string): React.JSX.Element[] =>
    warnings
      .filter((w) => w.field === field)
      .map((w, i) => (
        <p key={i} className="warning" role="status">
          {w.message}
        </p>
      ));
  return (
    <div className="stage-view">
      <h2>{author.role === 'family' ? 'What happens next' : 'Next steps'}</h2>
      {editable && details && (
        <button type="button" onClick={() => change(defaultNextSteps(details.date, details.kind))}>
          Fill in the dates the timescales give
        </button>
      )}
      <section aria-labelledby={ids.core}>
        <h3 id={ids.core}>The core group</h3>
        <p className="muted">The family members and professionals who will carry out the plan.</p>
        {editable ? (
          <>
            {candidates.map((c) => (
              <label key={c} className="choice">
                <input
                  type="checkbox"
                  checked={steps.coreGroup.includes(c)}
                  onChange={(e) =>
                    change({ coreGroup: e.target.checked ? [...steps.coreGroup, c] : steps.coreGroup.filter((x) => x !== c) })
                  }
                />
                {c}
              </label>
            ))}
            <div className="inline-form">
              <label htmlFor={`${ids.core}-extra`}>Someone not here (name and role)</label>
              <input id={`${ids.core}-extra`} value={extra} onChange={(e) => setExtra(e.target.value)} />
              <button
                type="button"
                onClick={() => {
                  if (extra.trim()) change({ coreGroup: [...steps.coreGroup, extra.trim()] });
                  setExtra('');
                }}
              >
                Add to the core group
              </button>
            </div>
          </>
        ) : (
          <ul className="plain-list" data-testid="core-group">
            {steps.coreGroup.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        )}
      </section>
      <section className="dates" data-testid="next-steps">
        <h3>Dates</h3>
        <label htmlFor={ids.first}>First core group meeting (within 10 working days)</label>
        {editable ? (
          <input id={ids.first} type="date" value={steps.firstCoreGroup} onChange={(e) => change({ firstCoreGroup: e.target.value })} />
        ) : (
          <p id={ids.first}>{steps.firstCoreGroup ? longDate(steps.firstCoreGroup) : 'Not set yet'}</p>
        )}
        {warningFor('firstCoreGroup')}
        <label htmlFor={ids.visits}>Social work visits: at least every … working days (10 at most)</label>
        {editable ? (
          <input
            id={ids.visits}
            type="number"
            min={1}
            max={60}
            value={steps.visitEveryWorkingDays ?? ''}
            onChange={(e) => change({ visitEveryWorkingDays: e.target.value === '' ? null : Number(e.target.value) })}
          />
        ) : (
          <p id={ids.visits}>{steps.visitEveryWorkingDays ? `Every ${steps.visitEveryWorkingDays} working days` : 'Not set yet'}</p>
        )}
        {warningFor('visitEveryWorkingDays')}
        <label htmlFor={ids.review}>Review conference ({details?.kind === 'review' ? 'within 6 months' : 'within 3 months'})</label>
        {editable ? (
          <input id={ids.review} type="date" value={steps.review} onChange={(e) => change({ review: e.target.value })} />
        ) : (
          <p id={ids.review}>{steps.review ? longDate(steps.review) : 'Not set yet'}</p>
        )}
        {warningFor('review')}
      </section>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
