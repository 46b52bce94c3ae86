import { useId, useState } from 'react';
import {
  defaultNextSteps,
  FIRST_CORE_GROUP_WORKING_DAYS,
  MAX_VISIT_INTERVAL_WORKING_DAYS,
  readNetwork,
  readNextSteps,
  reviewMonths,
  timescaleWarnings,
} from '../../../../shared/model/index.js';
import { useConferenceActions } from '../../conference/actions';
import { useConference } from '../../conference/context';
import { useDocJson, usePresence } from '../../conference/hooks';
import { useT } from '../../i18n/store';
import { forFamily, timescaleWords } from '../../i18n/words';

/**
 * The core group and the dates that follow the conference, with the timescales they must meet.
 * Dates are written as the summary writes them ("Monday 7 December 2026"), in the screen's language.
 */
export function NextSteps(): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const { connection, author, details } = useConference();
  const { act, can } = useConferenceActions();
  const steps = useDocJson(connection.doc, readNextSteps);
  const people = usePresence(connection);
  const network = useDocJson(connection.doc, readNetwork);
  const [extra, setExtra] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ids = { core: useId(), first: useId(), visits: useId(), review: useId() };
  const editable = can.isChair;
  const family = author.role === 'family';
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
          {timescaleWords(i18n, w)}
        </p>
      ));
  const months = reviewMonths(details?.kind ?? 'initial');
  return (
    <div className="stage-view">
      <h2>{t(forFamily('next.title', family))}</h2>
      {editable && details && (
        <button type="button" onClick={() => change(defaultNextSteps(details.date, details.kind))}>
          {t('next.fill')}
        </button>
      )}
      <section aria-labelledby={ids.core}>
        <h3 id={ids.core}>{t(forFamily('next.coreGroup', family))}</h3>
        <p className="muted">{t('next.coreGroupHelp')}</p>
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
                <bdi>{c}</bdi>
              </label>
            ))}
            <div className="inline-form">
              <label htmlFor={`${ids.core}-extra`}>{t('next.notHere')}</label>
              <input id={`${ids.core}-extra`} dir="auto" value={extra} onChange={(e) => setExtra(e.target.value)} />
              <button
                type="button"
                onClick={() => {
                  if (extra.trim()) change({ coreGroup: [...steps.coreGroup, extra.trim()] });
                  setExtra('');
                }}
              >
                {t('next.addCore')}
              </button>
            </div>
          </>
        ) : (
          <ul className="plain-list" data-testid="core-group">
            {steps.coreGroup.map((c) => (
              <li key={c} dir="auto">
                {c}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="dates" data-testid="next-steps">
        <h3>{t('next.dates')}</h3>
        <div className="date-field">
          <label htmlFor={ids.first}>{t(forFamily('next.first', family), { days: FIRST_CORE_GROUP_WORKING_DAYS })}</label>
          {editable ? (
            <input id={ids.first} type="date" value={steps.firstCoreGroup} onChange={(e) => change({ firstCoreGroup: e.target.value })} />
          ) : (
            <p id={ids.first}>{steps.firstCoreGroup ? i18n.date(steps.firstCoreGroup) : t('next.notSet')}</p>
          )}
          {steps.firstCoreGroup && editable && <p className="date-words">{i18n.date(steps.firstCoreGroup)}</p>}
          {warningFor('firstCoreGroup')}
        </div>
        <div className="date-field">
          <label htmlFor={ids.visits}>{t(forFamily('next.visits', family), { days: MAX_VISIT_INTERVAL_WORKING_DAYS })}</label>
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
            <p id={ids.visits}>
              {steps.visitEveryWorkingDays
                ? t(forFamily('next.visitsEvery', family), { count: steps.visitEveryWorkingDays })
                : t('next.notSet')}
            </p>
          )}
          {warningFor('visitEveryWorkingDays')}
        </div>
        <div className="date-field">
          <label htmlFor={ids.review}>{t(forFamily('next.review', family), { months })}</label>
          {editable ? (
            <input id={ids.review} type="date" value={steps.review} onChange={(e) => change({ review: e.target.value })} />
          ) : (
            <p id={ids.review}>{steps.review ? i18n.date(steps.review) : t('next.notSet')}</p>
          )}
          {steps.review && editable && <p className="date-words">{i18n.date(steps.review)}</p>}
          {warningFor('review')}
        </div>
      </section>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
