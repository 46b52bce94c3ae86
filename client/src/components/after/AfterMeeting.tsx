import { useState } from 'react';
import { shortHash, ukDate } from '../../../../shared/model/index.js';
import type { Version } from '../../api';
import { useConference } from '../../conference/context';
import { useT } from '../../i18n/store';
import { errorWords, forFamily } from '../../i18n/words';
import { useTransient } from '../useTransient';
import { AskForChange } from './AskForChange';
import { ChairRequests } from './ChairRequests';
import { downloadVersionPdf } from './recordPdf';
import { useAfterMeeting } from './useAfterMeeting';

/**
 * After the meeting: a calm page for everyone let in. Until the deadline they can ask for a change
 * to a part of the record and see what became of each request; the chair answers the requests and
 * publishes new versions. Every published version can be downloaded as its PDF.
 */
export function AfterMeeting(): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const { connection, token, author, chair } = useConference();
  const data = useAfterMeeting(connection.conferenceId, token, chair.version, chair.amending);
  const family = author.role === 'family';
  return (
    <section className="after-meeting" aria-labelledby="after-meeting-title" data-testid="after-meeting">
      <h2 id="after-meeting-title">{t(forFamily('after.title', family))}</h2>
      {data.error !== null && (
        <p role="alert">
          {errorWords(i18n, data.error, 'api.amendments', family)}{' '}
          <button type="button" onClick={() => void data.reload()}>
            {t('common.tryAgain')}
          </button>
        </p>
      )}
      {data.amendments === null ? (
        data.error === null && (
          <p role="status" aria-busy="true">
            {t('after.loading')}
          </p>
        )
      ) : author.role === 'chair' ? (
        <ChairRequests amendments={data.amendments} reload={data.reload} />
      ) : (
        <AskForChange amendments={data.amendments} reload={data.reload} />
      )}
      <VersionList versions={data.versions} />
    </section>
  );
}

/** Every published version of the record, each with its check code and its PDF. */
function VersionList({ versions }: { versions: Version[] }): React.JSX.Element | null {
  const i18n = useT();
  const { t } = i18n;
  const { connection, token, author } = useConference();
  const [busy, setBusy] = useState<number | null>(null);
  const [outcome, say] = useTransient<'done' | 'failed'>();
  if (versions.length === 0) return null;
  const download = async (n: number): Promise<void> => {
    setBusy(n);
    say(null);
    try {
      await downloadVersionPdf(connection.conferenceId, token, n, i18n, author.role === 'family');
      say('done');
    } catch {
      say('failed', false);
    } finally {
      setBusy(null);
    }
  };
  const latest = versions[versions.length - 1]?.version;
  return (
    <div className="versions" data-testid="versions">
      <h3>{t('versions.title')}</h3>
      <ul>
        {versions.map((v) => (
          <li key={v.version} data-testid={`version-${v.version}`}>
            <span>
              {t(v.version === latest ? 'versions.itemLatest' : 'versions.item', {
                n: v.version,
                date: i18n.date(ukDate(v.publishedAt)),
              })}{' '}
              <span className="muted">{t('versions.code', { hash: shortHash(v.hash) })}</span>
            </span>
            <button type="button" onClick={() => void download(v.version)} disabled={busy !== null}>
              {busy === v.version ? t('summary.busy') : t('versions.download', { n: v.version })}
            </button>
          </li>
        ))}
      </ul>
      <p role="status">{outcome === 'done' ? t('summary.done') : outcome === 'failed' ? t('summary.failed') : ''}</p>
    </div>
  );
}
