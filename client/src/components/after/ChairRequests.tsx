import { useId, useState } from 'react';
import { ukDate } from '../../../../shared/model/index.js';
import { api, type Amendment, type Amendments } from '../../api';
import { useConference } from '../../conference/context';
import { useT } from '../../i18n/store';
import { errorWords } from '../../i18n/words';
import { useTransient } from '../useTransient';
import { partWords } from './AskForChange';

/**
 * The chair's side after the meeting: every request for a change (who asked, when, about which
 * part, what they wrote), each accepted (with an optional note) or declined (with a reason the
 * person reads); then, while amending, publishing the next version.
 */
export function ChairRequests({ amendments, reload }: { amendments: Amendments; reload: () => Promise<void> }): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const { chair } = useConference();
  return (
    <div className="chair-requests">
      <p>{t(amendments.open ? 'amend.openUntil' : 'amend.closedSince', { date: i18n.date(amendments.deadline) })}</p>
      <h3>{t('amend.requests')}</h3>
      {amendments.requests.length === 0 ? (
        <p className="muted">{t('amend.noRequests')}</p>
      ) : (
        <ul className="requests" data-testid="chair-requests">
          {[...amendments.requests].reverse().map((r) => (
            <ChairRequest key={r.id} request={r} reload={reload} />
          ))}
        </ul>
      )}
      {chair.amending && <Publish next={chair.version + 1} reload={reload} />}
    </div>
  );
}

function ChairRequest({ request: r, reload }: { request: Amendment; reload: () => Promise<void> }): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const { connection, token } = useConference();
  const [answering, setAnswering] = useState<'accept' | 'decline' | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const answerId = useId();
  const send = async (answer: 'accept' | 'decline'): Promise<void> => {
    setProblem(null);
    if (answer === 'decline' && !text.trim()) {
      setProblem(t('amend.reasonNeeded'));
      return;
    }
    setBusy(true);
    try {
      await api.answerChange(connection.conferenceId, token, r.id, answer, text.trim());
      setAnswering(null);
      setText('');
      await reload();
    } catch (err) {
      setProblem(errorWords(i18n, err, 'api.answer'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className={`request status-${r.status}`} data-testid="chair-request">
      <p>
        <strong>
          {t('amend.asked', { name: r.name, role: r.roleLabel, date: i18n.date(ukDate(r.askedAt)), time: i18n.time(r.askedAt) })}
        </strong>
      </p>
      <p>{t('amend.about', { part: partWords(i18n, { kind: r.kind, text: r.quoted }) })}</p>
      <p dir="auto">{t('amend.wrong', { text: r.wrong })}</p>
      {r.shouldSay && <p dir="auto">{t('amend.shouldSay', { text: r.shouldSay })}</p>}
      <p className="outcome">
        <strong>
          {r.status === 'waiting'
            ? t('amend.status.waiting')
            : r.status === 'declined'
              ? t('amend.status.declined')
              : r.publishedIn !== null
                ? t('amend.status.published', { n: r.publishedIn })
                : t('amend.status.accepted')}
        </strong>
        {r.answer && (
          <>
            {' '}
            <span dir="auto">{t('amend.yourAnswer', { text: r.answer })}</span>
          </>
        )}
      </p>
      {r.status === 'waiting' && answering === null && (
        <div className="buttons">
          <button type="button" className="primary" onClick={() => setAnswering('accept')}>
            {t('amend.accept')}
          </button>
          <button type="button" onClick={() => setAnswering('decline')}>
            {t('amend.decline')}
          </button>
        </div>
      )}
      {answering && (
        <form
          className="answer-form"
          onSubmit={(e) => {
            e.preventDefault();
            void send(answering);
          }}
        >
          <label htmlFor={answerId}>{t(answering === 'accept' ? 'amend.acceptNote' : 'amend.declineReason', { name: r.name })}</label>
          <textarea id={answerId} rows={3} value={text} onChange={(e) => setText(e.target.value)} dir="auto" />
          <div className="buttons">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t('amend.sending') : t(answering === 'accept' ? 'amend.confirmAccept' : 'amend.confirmDecline')}
            </button>
            <button
              type="button"
              onClick={() => {
                setAnswering(null);
                setProblem(null);
              }}
            >
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      {problem && <p role="alert">{problem}</p>}
    </li>
  );
}

/** While amending: publish the next version, with what changed and why when nobody asked for it. */
function Publish({ next, reload }: { next: number; reload: () => Promise<void> }): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const { connection, token } = useConference();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, say] = useTransient<number>();
  const noteId = useId();
  const publish = async (): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      const v = await api.publishVersion(connection.conferenceId, token, note.trim());
      setNote('');
      say(v.version);
      await reload();
    } catch (err) {
      setProblem(errorWords(i18n, err, 'api.publish'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="publish-form"
      onSubmit={(e) => {
        e.preventDefault();
        void publish();
      }}
    >
      <h3>{t('amend.publishTitle')}</h3>
      <p>{t('amend.publishIntro')}</p>
      <label htmlFor={noteId}>{t('amend.publishNote')}</label>
      <textarea id={noteId} rows={2} value={note} onChange={(e) => setNote(e.target.value)} dir="auto" />
      {problem && <p role="alert">{problem}</p>}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('amend.publishing') : t('amend.publish', { n: next })}
      </button>
      <p role="status">{done !== null ? t('amend.published', { n: done }) : ''}</p>
    </form>
  );
}
