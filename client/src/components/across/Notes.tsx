import { useId, useState } from 'react';
import { readViews, type Origin, type View } from '../../../../shared/model/index.js';
import { useConferenceActions } from '../../conference/actions';
import { useConference } from '../../conference/context';
import { useDocJson } from '../../conference/hooks';
import { useT } from '../../i18n/store';
import { rich, Typed } from '../../i18n/Rich';

/** Where a record carried into a review came from: "From the initial conference, Monday 23 November 2026". */
export function OriginLine({ origin }: { origin: Origin | null }): React.JSX.Element | null {
  const i18n = useT();
  if (!origin) return null;
  return (
    <p className="origin muted" data-testid="origin">
      {i18n.t(`origin.${origin.kind}`, { date: i18n.date(origin.date) })}
    </p>
  );
}

/** Where an item prepared before the meeting came from ("from the school's report"), as its author wrote it. */
export function SourceLine({ source }: { source: string }): React.JSX.Element | null {
  const i18n = useT();
  if (!source) return null;
  return (
    <p className="card-source muted" data-testid="source">
      {rich(i18n, 'card.source', { source: <Typed>{source}</Typed> })}
    </p>
  );
}

const EMPTY: View[] = [];

/**
 * The views people (the family, above all) wrote beside an item, a danger statement or an action
 * ("This is not right because…"), and, for the family while the conference is prepared, the form
 * to add theirs. Nobody's draft is changed by a view: it stands beside it.
 */
export function ViewsBeside({ target, label }: { target: string; label: string }): React.JSX.Element | null {
  const { t } = useT();
  const { connection, chair, author, readOnly } = useConference();
  const { act, can } = useConferenceActions();
  const views = useDocJson(connection.doc, (doc) => readViews(doc)[target] ?? EMPTY);
  const [adding, setAdding] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const mayAdd = !readOnly && author.role === 'family' && chair.preparing;
  if (views.length === 0 && !mayAdd) return null;
  const save = (): void => {
    const r = act.addView(target, text);
    if (r.ok) {
      setText('');
      setAdding(false);
      setError(null);
    } else setError(r.message);
  };
  return (
    <div className="views" role="group" aria-label={`${t('view.group')}: ${label}`} data-testid="views">
      {views.map((v) => (
        <p key={v.id} className="view">
          <strong>{t('view.by', { name: v.addedBy.name })}</strong> <Typed>{v.text}</Typed>
          {can.changeView(v) && (
            <>
              {' '}
              <button type="button" onClick={() => setError(act.removeView(v.id).ok ? null : t('common.didNotWork'))}>
                {t('view.remove')}
              </button>
            </>
          )}
        </p>
      ))}
      {mayAdd &&
        (adding ? (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              save();
            }}
          >
            <label htmlFor={id}>{t('view.label')}</label>
            <textarea id={id} rows={2} dir="auto" value={text} onChange={(e) => setText(e.target.value)} />
            <div className="buttons">
              <button type="submit" className="primary">
                {t('view.save')}
              </button>
              <button type="button" onClick={() => setAdding(false)}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
        ) : (
          <button type="button" onClick={() => setAdding(true)} aria-label={`${t('view.add')}: ${label}`}>
            {t('view.add')}
          </button>
        ))}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
