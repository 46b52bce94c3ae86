import { useState } from 'react';
import { conferenceSnapshot } from '../../../shared/model/index.js';
import { useConference } from '../conference/context';
import { useT } from '../i18n/store';
import { useTransient } from './useTransient';

/**
 * Makes and downloads the summary PDF, with progress and a clear message if it fails. The family's
 * copy is worded in the language of their screen (what people typed is as typed); everyone else's
 * is the agencies' record, in English.
 */
export function SummaryButton({ preview = false }: { preview?: boolean }): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const { connection, author } = useConference();
  const [busy, setBusy] = useState(false);
  const [outcome, say] = useTransient<'done' | 'failed'>();
  const make = async (): Promise<void> => {
    setBusy(true);
    say(null);
    try {
      const inTheirLanguage = author.role === 'family' && i18n.lang !== 'en';
      const [{ downloadSummary }, wording] = await Promise.all([import('../pdf'), inTheirLanguage ? import('../i18n/summary') : null]);
      const snapshot = conferenceSnapshot(connection.doc, connection.chairDoc);
      if (wording) await downloadSummary(wording.localiseSnapshot(snapshot, i18n), connection.conferenceId, wording.summaryMessages(i18n));
      else await downloadSummary(snapshot, connection.conferenceId);
      say('done');
    } catch {
      say('failed', false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="summary-button">
      <button type="button" className="primary" onClick={() => void make()} disabled={busy}>
        {busy ? t('summary.busy') : t(preview ? 'end.preview' : 'summary.download')}
      </button>
      <span role="status">{outcome === 'done' ? t('summary.done') : outcome === 'failed' ? t('summary.failed') : ''}</span>
    </span>
  );
}
