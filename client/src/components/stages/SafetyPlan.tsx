import { useId, useState } from 'react';
import {
  readActions,
  readNetwork,
  readSafetyPlan,
  SAFETY_PLAN_SECTIONS,
  type Action,
  type SafetyPlanEntry,
  type SafetyPlanSection,
} from '../../../../shared/model/index.js';
import { useConferenceActions } from '../../conference/actions';
import { useConference } from '../../conference/context';
import { useDocJson } from '../../conference/hooks';
import { useT } from '../../i18n/store';
import { roleOf } from '../../i18n/words';
import { LanguageHints } from '../LanguageHints';
import { ActionForm, ActionView, SafetyNetwork } from './Plan';

/** The role a young person chooses on the join form (stored in English, as every role is). */
const YOUNG_PERSON = 'Young person';

/**
 * The plan stage of a young person's conference: the young person's own safety plan, in their
 * words, written with them, in six parts (each with its entries and its actions: who does what, by
 * when), then the safety network. The young person reads "My safety plan"; everyone else reads
 * "The young person's safety plan". Nothing here judges: no wording hints on the family's words.
 */
export function SafetyPlan(): React.JSX.Element {
  const { t } = useT();
  const { connection, author } = useConference();
  const entries = useDocJson(connection.doc, readSafetyPlan);
  const actions = useDocJson(connection.doc, readActions);
  const network = useDocJson(connection.doc, readNetwork);
  const mine = author.role === 'family' && author.roleLabel === YOUNG_PERSON;
  const others = actions.filter((a) => a.section === null);
  return (
    <div className="stage-view safety-plan" data-testid="safety-plan">
      <h2>{t(mine ? 'safetyPlan.title.mine' : 'safetyPlan.title')}</h2>
      <p className="lead">{t(mine ? 'safetyPlan.intro.mine' : 'safetyPlan.intro')}</p>
      {SAFETY_PLAN_SECTIONS.map((section) => (
        <Part
          key={section}
          section={section}
          entries={entries.filter((e) => e.section === section)}
          actions={actions.filter((a) => a.section === section)}
        />
      ))}
      {others.length > 0 && (
        <section aria-labelledby="plan-other-actions-h" className="plan-part">
          <h3 id="plan-other-actions-h">{t('safetyPlan.otherActions')}</h3>
          <ol className="actions">
            {others.map((a) => (
              <ActionView key={a.id} action={a} />
            ))}
          </ol>
        </section>
      )}
      <SafetyNetwork network={network} />
    </div>
  );
}

/** One part of the plan: its heading in plain words, what goes in it, its entries and its actions. */
function Part({
  section,
  entries,
  actions,
}: {
  section: SafetyPlanSection;
  entries: SafetyPlanEntry[];
  actions: Action[];
}): React.JSX.Element {
  const { t } = useT();
  const { readOnly } = useConference();
  const { act } = useConferenceActions();
  const [addingAction, setAddingAction] = useState(false);
  const headingId = useId();
  const heading = t(`safetyPlan.part.${section}`);
  return (
    <section aria-labelledby={headingId} className="plan-part" data-part={section}>
      <h3 id={headingId}>{heading}</h3>
      <p className="muted">{t(`safetyPlan.prompt.${section}`)}</p>
      {entries.length > 0 ? (
        <ul className="plan-entries">
          {entries.map((e) => (
            <Entry key={e.id} entry={e} />
          ))}
        </ul>
      ) : (
        actions.length === 0 && <p className="muted">{t('safetyPlan.nothing')}</p>
      )}
      {!readOnly && <AddEntry section={section} heading={heading} />}
      {actions.length > 0 && (
        <ol className="actions" aria-label={t('safetyPlan.actions', { part: heading })}>
          {actions.map((a) => (
            <ActionView key={a.id} action={a} />
          ))}
        </ol>
      )}
      {!readOnly &&
        (addingAction ? (
          <ActionForm save={(draft) => act.addAction({ ...draft, section })} onDone={() => setAddingAction(false)} />
        ) : (
          <button type="button" className="add-plan-action" onClick={() => setAddingAction(true)}>
            {t('safetyPlan.addAction')}
          </button>
        ))}
    </section>
  );
}

/** What someone wrote in a part, with who wrote it; its author and the chair can change it or take it away. */
function Entry({ entry }: { entry: SafetyPlanEntry }): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const { act, can } = useConferenceActions();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const mayChange = can.changeSafetyPlanEntry(entry);
  const short = entry.text.length > 60 ? `${entry.text.slice(0, 60)}…` : entry.text;
  if (draft !== null && mayChange)
    return (
      <li className="plan-entry">
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const r = act.editSafetyPlanEntry(entry.id, draft);
            if (r.ok) {
              setDraft(null);
              setError(null);
            } else setError(r.message);
          }}
        >
          <label htmlFor={id}>{t('safetyPlan.editLabel')}</label>
          <textarea id={id} rows={2} dir="auto" className="grows" value={draft} onChange={(e) => setDraft(e.target.value)} />
          <LanguageHints text={draft} onChange={setDraft} author={entry.addedBy.role} />
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <div className="buttons">
            <button type="submit" className="primary">
              {t('common.save')}
            </button>
            <button type="button" onClick={() => setDraft(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      </li>
    );
  return (
    <li className="plan-entry">
      <p className="plan-entry-text" dir="auto">
        {entry.text}
      </p>
      <p className="author">{t('common.nameAndRole', { name: entry.addedBy.name, role: roleOf(i18n, entry.addedBy.roleLabel) })}</p>
      {mayChange && (
        <div className="buttons">
          <button type="button" aria-label={t('safetyPlan.changeNamed', { text: short })} onClick={() => setDraft(entry.text)}>
            {t('safetyPlan.change')}
          </button>
          <button
            type="button"
            aria-label={t('safetyPlan.takeAwayNamed', { text: short })}
            onClick={() => {
              const r = act.removeSafetyPlanEntry(entry.id);
              setError(r.ok ? null : r.message);
            }}
          >
            {t('safetyPlan.takeAway')}
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

/** Adding to a part: one line or a few, in the writer's own words. */
function AddEntry({ section, heading }: { section: SafetyPlanSection; heading: string }): React.JSX.Element {
  const { t } = useT();
  const { act } = useConferenceActions();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  return (
    <form
      className="inline-form plan-entry-add"
      onSubmit={(e) => {
        e.preventDefault();
        const r = act.addSafetyPlanEntry(section, text);
        if (r.ok) {
          setText('');
          setError(null);
        } else setError(r.message);
      }}
    >
      <label htmlFor={id}>{t('safetyPlan.addTo', { part: heading })}</label>
      <textarea id={id} rows={2} dir="auto" className="grows" value={text} onChange={(e) => setText(e.target.value)} />
      <LanguageHints text={text} onChange={setText} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary">
        {t('common.add')}
      </button>
    </form>
  );
}
