import { useState } from 'react';
import { conferenceSnapshot } from '../../../shared/model/index.js';
import { useConference } from '../conference/context';
import { useT } from '../i18n/store';
import { useTransient } from './useTransient';
import { downloadRecordPdf } from './after/recordPdf';

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
      await downloadRecordPdf(
        conferenceSnapshot(connection.doc, connection.chairDoc),
        connection.conferenceId,
        i18n,
        author.role === 'family',
      );
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
