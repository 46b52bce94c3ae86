import { useState } from 'react';
import { api } from '../../api';
import { useConference } from '../../conference/context';
import { useT } from '../../i18n/store';
import { errorWords } from '../../i18n/words';
import { saveFile } from '../../saveFile';
import { useTransient } from '../useTransient';

type Kind = 'json' | 'csv';

/**
 * The record for the case system (JSON) and the plan as a spreadsheet (CSV), downloaded from the
 * server with this person's token: the chair's at any time (a draft before the end), everyone's
 * after the meeting. Progress while waiting, and a clear message if it fails.
 */
export function ExportButtons(): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const { connection, token, author } = useConference();
  const [busy, setBusy] = useState<Kind | null>(null);
  const [outcome, say] = useTransient<{ done: true } | { failed: string }>();
  const take = async (kind: Kind): Promise<void> => {
    setBusy(kind);
    say(null);
    try {
      const { blob, name } = await (kind === 'json' ? api.recordJson : api.planCsv)(connection.conferenceId, token);
      saveFile(blob, name);
      say({ done: true });
    } catch (err) {
      say({ failed: errorWords(i18n, err, 'api.download', author.role === 'family') }, false);
    } finally {
      setBusy(null);
    }
  };
  return (
    <span className="export-buttons">
      {(['json', 'csv'] as const).map((kind) => (
        <button key={kind} type="button" onClick={() => void take(kind)} disabled={busy !== null}>
          {busy === kind ? t('exports.busy') : t(kind === 'json' ? 'exports.json' : 'exports.csv')}
        </button>
      ))}
      <span role="status">{outcome === null ? '' : 'done' in outcome ? t('exports.done') : ''}</span>
      {outcome !== null && 'failed' in outcome && <span role="alert">{outcome.failed}</span>}
    </span>
  );
}
