import { useId, useState } from 'react';
import { CP_CATEGORIES, EXTRA_FAMILIAL_HARM, OUTCOMES, readRecommendations, type Outcome } from '../../../../shared/model/index.js';
import { useT } from '../../i18n/store';
import { rich } from '../../i18n/Rich';
import { categoryOf, forFamily, roleOf } from '../../i18n/words';
import { useConferenceActions } from '../../conference/actions';
import { useConference } from '../../conference/context';
import { useDocJson } from '../../conference/hooks';
import { LanguageHints } from '../LanguageHints';
import { useTransient } from '../useTransient';

const OUTCOME_IDS = Object.keys(OUTCOMES) as Outcome[];

export function Decision(): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const { connection, author, chair, readOnly } = useConference();
  const { can } = useConferenceActions();
  const family = author.role === 'family';
  const recommendations = useDocJson(connection.doc, readRecommendations);
  const { decision } = chair;
  return (
    <div className="stage-view">
      <h2>{t(forFamily('decision.title', family))}</h2>
      <section aria-labelledby="recs-h">
        <h3 id="recs-h">{t('decision.recommendations')}</h3>
        {recommendations.length === 0 ? (
          <p className="muted">{t('decision.noRecommendations')}</p>
        ) : (
          <ul className="recommendations" data-testid="recommendations">
            {recommendations.map((r) => (
              <li key={r.subject}>
                <strong>
                  <bdi>{r.name}</bdi>
                  {t('common.listSeparator')}
                  <bdi>{roleOf(i18n, r.roleLabel)}</bdi>
                  {r.enteredBy ? ` ${t('decision.entered')}` : ''}:
                </strong>{' '}
                {t(`outcome.${r.recommendation}`)}. <bdi>{r.reason}</bdi>
                {r.dissent && <p className="dissent">{rich(i18n, 'decision.disagrees', { text: <bdi>{r.dissent}</bdi> })}</p>}
              </li>
            ))}
          </ul>
        )}
        {can.recommend && <RecommendationForm />}
      </section>
      <section aria-labelledby="decision-h" className="decision">
        <h3 id="decision-h">{t('decision.heading')}</h3>
        {decision.outcome ? (
          <div data-testid="decision">
            <p className="decision-outcome">{t(`outcome.${decision.outcome}`)}</p>
            {decision.categories.length > 0 && (
              <p>{t(forFamily('decision.category', family), { list: i18n.list(decision.categories.map((c) => categoryOf(i18n, c))) })}</p>
            )}
            <p>{rich(i18n, 'decision.reasons', { text: <bdi className="typed">{decision.rationale}</bdi> })}</p>
          </div>
        ) : (
          <p className="muted">{t('decision.notYet')}</p>
        )}
        {author.role === 'chair' && !readOnly && <DecisionForm />}
      </section>
    </div>
  );
}

function RecommendationForm(): React.JSX.Element {
  const { t } = useT();
  const { connection, author } = useConference();
  const { act } = useConferenceActions();
  const mine = useDocJson(connection.doc, readRecommendations).find((r) => r.participantId === author.id);
  const [recommendation, setRec] = useState<Outcome>(mine?.recommendation ?? 'cp');
  const [reason, setReason] = useState(mine?.reason ?? '');
  const [dissent, setDissent] = useState(mine?.dissent ?? '');
  const [message, setMessage] = useTransient<string>();
  const ids = { reason: useId(), dissent: useId() };
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        const r = act.setRecommendation({ recommendation, reason, dissent });
        if (r.ok) setMessage(t('decision.recorded'));
        else setMessage(r.message, false);
      }}
    >
      <fieldset>
        <legend>{t('decision.yourRecommendation')}</legend>
        {OUTCOME_IDS.map((o) => (
          <label key={o} className="choice">
            <input type="radio" name="recommendation" checked={recommendation === o} onChange={() => setRec(o)} />
            {t(`outcome.${o}`)}
          </label>
        ))}
      </fieldset>
      <label htmlFor={ids.reason}>{t('decision.why')}</label>
      <textarea id={ids.reason} rows={2} dir="auto" value={reason} onChange={(e) => setReason(e.target.value)} />
      <LanguageHints text={reason} onChange={setReason} />
      <label htmlFor={ids.dissent}>{t('decision.dissent')}</label>
      <textarea id={ids.dissent} rows={2} dir="auto" value={dissent} onChange={(e) => setDissent(e.target.value)} />
      <button type="submit">{t('decision.record')}</button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}

function DecisionForm(): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const { chair, details } = useConference();
  const { act } = useConferenceActions();
  const [outcome, setOutcome] = useState<Outcome>(chair.decision.outcome ?? 'cp');
  // Before any decision in a young person's conference, its own sub-category comes ticked.
  const youngPersonsDefault =
    chair.decision.outcome === null && details?.kind === 'young-person' && chair.settings.localCategories.includes(EXTRA_FAMILIAL_HARM);
  const [categories, setCategories] = useState<string[]>(youngPersonsDefault ? [EXTRA_FAMILIAL_HARM] : chair.decision.categories);
  const [rationale, setRationale] = useState(chair.decision.rationale);
  const [local, setLocal] = useState('');
  const [message, setMessage] = useTransient<string>();
  const ids = { rationale: useId(), local: useId() };
  const all = [...CP_CATEGORIES, ...chair.settings.localCategories];
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        const r = act.recordDecision({ outcome, categories, rationale });
        if (r.ok) setMessage(t('decision.decided'));
        else setMessage(r.message, false);
      }}
    >
      <fieldset>
        <legend>{t('decision.legend')}</legend>
        {OUTCOME_IDS.map((o) => (
          <label key={o} className="choice">
            <input type="radio" name="outcome" checked={outcome === o} onChange={() => setOutcome(o)} />
            {t(`outcome.${o}`)}
          </label>
        ))}
      </fieldset>
      {outcome === 'cp' && (
        <fieldset>
          <legend>{t('decision.categories')}</legend>
          {all.map((c) => (
            <label key={c} className="choice">
              <input
                type="checkbox"
                checked={categories.includes(c)}
                onChange={(e) => setCategories(e.target.checked ? [...categories, c] : categories.filter((x) => x !== c))}
              />
              {categoryOf(i18n, c)}
            </label>
          ))}
          <label htmlFor={ids.local}>{t('decision.addLocal')}</label>
          <input
            id={ids.local}
            dir="auto"
            value={local}
            onChange={(e) => setLocal(e.target.value)}
            placeholder={t('decision.localExample')}
          />
          <button
            type="button"
            onClick={() => {
              if (local.trim()) act.updateSettings({ localCategories: [...chair.settings.localCategories, local.trim()] });
              setLocal('');
            }}
          >
            {t('decision.addLocalButton')}
          </button>
        </fieldset>
      )}
      <label htmlFor={ids.rationale}>{t('decision.rationale')}</label>
      <textarea id={ids.rationale} rows={4} dir="auto" value={rationale} onChange={(e) => setRationale(e.target.value)} />
      <LanguageHints text={rationale} onChange={setRationale} />
      <button type="submit" className="primary">
        {t('decision.recordDecision')}
      </button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}
