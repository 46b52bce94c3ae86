import { useId, useState } from 'react';
import { CP_CATEGORIES, OUTCOMES, readRecommendations, type Outcome } from '../../../../shared/model/index.js';
import { useConferenceActions } from '../../conference/actions';
import { useConference } from '../../conference/context';
import { useDocJson } from '../../conference/hooks';
import { LanguageHints } from '../LanguageHints';

const OUTCOME_IDS = Object.keys(OUTCOMES) as Outcome[];

export function Decision(): React.JSX.Element {
  const { connection, author, chair, readOnly } = useConference();
  const { can } = useConferenceActions();
  const recommendations = useDocJson(connection.doc, readRecommendations);
  const { decision } = chair;
  return (
    <div className="stage-view">
      <h2>{author.role === 'family' ? 'The decision' : 'Recommendations and decision'}</h2>
      <section aria-labelledby="recs-h">
        <h3 id="recs-h">What each professional recommends</h3>
        {recommendations.length === 0 ? (
          <p className="muted">No recommendations yet.</p>
        ) : (
          <ul className="recommendations" data-testid="recommendations">
            {recommendations.map((r) => (
              <li key={r.subject}>
                <strong>
                  {r.name}, {r.roleLabel}
                  {r.enteredBy ? ' (entered by the chair)' : ''}:
                </strong>{' '}
                {OUTCOMES[r.recommendation]}. {r.reason}
                {r.dissent && <p className="dissent">Disagrees with the decision: {r.dissent}</p>}
              </li>
            ))}
          </ul>
        )}
        {can.recommend && <RecommendationForm />}
      </section>
      <section aria-labelledby="decision-h" className="decision">
        <h3 id="decision-h">The decision</h3>
        {decision.outcome ? (
          <div data-testid="decision">
            <p className="decision-outcome">{OUTCOMES[decision.outcome]}</p>
            {decision.categories.length > 0 && <p>Category: {decision.categories.join(', ')}</p>}
            <p>The chair’s reasons: {decision.rationale}</p>
          </div>
        ) : (
          <p className="muted">The chair has not recorded the decision yet.</p>
        )}
        {author.role === 'chair' && !readOnly && <DecisionForm />}
      </section>
    </div>
  );
}

function RecommendationForm(): React.JSX.Element {
  const { connection, author } = useConference();
  const { act } = useConferenceActions();
  const mine = useDocJson(connection.doc, readRecommendations).find((r) => r.participantId === author.id);
  const [recommendation, setRec] = useState<Outcome>(mine?.recommendation ?? 'cp');
  const [reason, setReason] = useState(mine?.reason ?? '');
  const [dissent, setDissent] = useState(mine?.dissent ?? '');
  const [message, setMessage] = useState<string | null>(null);
  const ids = { reason: useId(), dissent: useId() };
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        const r = act.setRecommendation({ recommendation, reason, dissent });
        setMessage(r.ok ? 'Your recommendation is recorded.' : r.message);
      }}
    >
      <fieldset>
        <legend>Your recommendation</legend>
        {OUTCOME_IDS.map((o) => (
          <label key={o} className="choice">
            <input type="radio" name="recommendation" checked={recommendation === o} onChange={() => setRec(o)} />
            {OUTCOMES[o]}
          </label>
        ))}
      </fieldset>
      <label htmlFor={ids.reason}>Why</label>
      <textarea id={ids.reason} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      <LanguageHints text={reason} onChange={setReason} />
      <label htmlFor={ids.dissent}>If you disagree with the decision, say why (optional)</label>
      <textarea id={ids.dissent} rows={2} value={dissent} onChange={(e) => setDissent(e.target.value)} />
      <button type="submit">Record my recommendation</button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}

function DecisionForm(): React.JSX.Element {
  const { chair } = useConference();
  const { act } = useConferenceActions();
  const [outcome, setOutcome] = useState<Outcome>(chair.decision.outcome ?? 'cp');
  const [categories, setCategories] = useState<string[]>(chair.decision.categories);
  const [rationale, setRationale] = useState(chair.decision.rationale);
  const [local, setLocal] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const ids = { rationale: useId(), local: useId() };
  const all = [...CP_CATEGORIES, ...chair.settings.localCategories];
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        const r = act.recordDecision({ outcome, categories, rationale });
        setMessage(r.ok ? 'The decision is recorded.' : r.message);
      }}
    >
      <fieldset>
        <legend>Decision</legend>
        {OUTCOME_IDS.map((o) => (
          <label key={o} className="choice">
            <input type="radio" name="outcome" checked={outcome === o} onChange={() => setOutcome(o)} />
            {OUTCOMES[o]}
          </label>
        ))}
      </fieldset>
      {outcome === 'cp' && (
        <fieldset>
          <legend>Category (one or more)</legend>
          {all.map((c) => (
            <label key={c} className="choice">
              <input
                type="checkbox"
                checked={categories.includes(c)}
                onChange={(e) => setCategories(e.target.checked ? [...categories, c] : categories.filter((x) => x !== c))}
              />
              {c}
            </label>
          ))}
          <label htmlFor={ids.local}>Add a local sub-category</label>
          <input
            id={ids.local}
            value={local}
            onChange={(e) => setLocal(e.target.value)}
            placeholder="for example: Neglect: extra-familial harm"
          />
          <button
            type="button"
            onClick={() => {
              if (local.trim()) act.updateSettings({ localCategories: [...chair.settings.localCategories, local.trim()] });
              setLocal('');
            }}
          >
            Add the sub-category
          </button>
        </fieldset>
      )}
      <label htmlFor={ids.rationale}>The reasons for the decision, for the family to read</label>
      <textarea id={ids.rationale} rows={4} value={rationale} onChange={(e) => setRationale(e.target.value)} />
      <LanguageHints text={rationale} onChange={setRationale} />
      <button type="submit" className="primary">
        Record the decision
      </button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}
