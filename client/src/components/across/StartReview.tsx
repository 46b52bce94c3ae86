import { useState } from 'react';
import { api } from '../../api';
import { useConference } from '../../conference/context';
import { absoluteLink, saveInvitations, saveToken } from '../../session';
import { useT } from '../../i18n/store';
import { errorWords } from '../../i18n/words';

/**
 * On an ended conference, the chair starts the review conference: the server makes it from this
 * conference's final record, and the chair goes to the new one as its chair (prepared first).
 */
export function StartReview(): React.JSX.Element | null {
  const i18n = useT();
  const { t } = i18n;
  const { connection, token, author, chair, mode } = useConference();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (author.role !== 'chair' || chair.lockedAt === null || mode === 'projector') return null;
  const start = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const created = await api.startReview(connection.conferenceId, token);
      saveToken(created.id, created.chairToken);
      saveInvitations(created.id, { professional: absoluteLink(created.links.professional), family: absoluteLink(created.links.family) });
      window.location.assign(`/c/${created.id}`);
    } catch (err) {
      setError(errorWords(i18n, err, 'api.review'));
      setBusy(false);
    }
  };
  return (
    <div className="start-review">
      <button type="button" className="primary" disabled={busy} onClick={() => void start()}>
        {t('end.startReview')}
      </button>
      <p className="muted">{t('end.startReviewHelp')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
