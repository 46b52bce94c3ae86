import { useId, useState } from 'react';
import { driftWarnings, readChainPlace, readReads, ukDate } from '../../../../shared/model/index.js';
import { api } from '../../api';
import { useConference } from '../../conference/context';
import { useDocJson } from '../../conference/hooks';
import { useT } from '../../i18n/store';
import { errorWords, forFamily } from '../../i18n/words';
import { useTransient } from '../useTransient';

/**
 * What every screen shows about the conference's place across meetings: while it is prepared, that
 * the meeting has not started (and, for the chair, the button that opens it); for the chair and the
 * lead social worker, whether and when the family read what was prepared; in a review, which review
 * it is, its date (the chair may change it before the meeting ends) and any drift to bring up.
 */
export function AcrossConferences(): React.JSX.Element | null {
  const i18n = useT();
  const { t } = i18n;
  const { connection, chair, author, lead, readOnly, details, mode, token } = useConference();
  const place = useDocJson(connection.doc, readChainPlace);
  const reads = useDocJson(connection.doc, readReads);
  const [message, notify] = useTransient<string>();
  const [busy, setBusy] = useState(false);
  const family = author.role === 'family';
  const isChair = author.role === 'chair' && mode !== 'projector';
  const drift = isChair && details ? driftWarnings(place, details.date) : [];
  const review = place !== null && place.reviewNumber > 0;
  const seesReads = (isChair || lead) && (chair.preparing || reads.length > 0) && chair.lockedAt === null;
  if (!chair.preparing && !review && drift.length === 0 && !seesReads) return null;

  const open = async (): Promise<void> => {
    setBusy(true);
    try {
      await api.open(connection.conferenceId, token);
      notify(t('prep.opened'));
    } catch (err) {
      notify(errorWords(i18n, err, 'api.open'), false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="across" aria-label={t(chair.preparing ? 'prep.open' : 'trend.title')} data-testid="across">
      {chair.preparing && (
        <p className="banner preparing" role="status" data-testid="preparing-banner">
          {t(forFamily('prep.banner', family))}
          {isChair && !readOnly && (
            <>
              {' '}
              <button type="button" className="primary" disabled={busy} onClick={() => void open()}>
                {t('prep.open')}
              </button>
            </>
          )}
        </p>
      )}
      <p className="panel-status" role="status" aria-live="polite">
        {message}
      </p>
      {seesReads && (
        <ul className="reads" data-testid="family-read">
          {reads.length === 0 ? (
            <li className="muted">{t('prep.notRead')}</li>
          ) : (
            reads.map((r) => (
              <li key={r.who.id}>
                {t('prep.read', { name: r.who.name, time: i18n.time(r.at), date: i18n.date(ukDate(r.at)) })}
              </li>
            ))
          )}
        </ul>
      )}
      {review && place && mode !== 'projector' && (
        <p className="muted" data-testid="review-place">
          {t('review.place', { n: place.reviewNumber, date: i18n.date(place.chainStart) })}
        </p>
      )}
      {review && isChair && !readOnly && details && <ReviewDate date={details.date} />}
      {drift.map((d) => (
        <p key={d} className="banner warning" data-testid="drift">
          {t(`drift.${d}`)}
        </p>
      ))}
    </section>
  );
}

/** The chair may move a review's date (the timescale proposes it) until the meeting ends. */
function ReviewDate({ date }: { date: string }): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const { connection, token } = useConference();
  const [value, setValue] = useState(date);
  const [message, notify] = useTransient<string>();
  const id = useId();
  const save = async (): Promise<void> => {
    try {
      await api.setDate(connection.conferenceId, token, value);
      notify(t('review.dateSaved'));
    } catch (err) {
      notify(errorWords(i18n, err, 'api.date'), false);
    }
  };
  return (
    <form
      className="inline-form review-date"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label htmlFor={id}>{t('review.date')}</label>
      <input id={id} type="date" value={value} onChange={(e) => setValue(e.target.value)} />
      <button type="submit" disabled={value === date}>
        {t('review.saveDate')}
      </button>
      <span role="status">{message}</span>
    </form>
  );
}
