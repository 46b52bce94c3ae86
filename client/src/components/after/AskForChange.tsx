import { useId, useState } from 'react';
import { cleanAmendmentInput, ukDate, type RecordPart } from '../../../../shared/model/index.js';
import { api, ApiError, type Amendment, type Amendments } from '../../api';
import { isApiErrorCode } from '../../../../shared/api/errors.js';
import { useConference } from '../../conference/context';
import { useT } from '../../i18n/store';
import type { Translator } from '../../i18n/translate';
import { errorWords } from '../../i18n/words';
import { useTransient } from '../useTransient';

const clip = (text: string, max = 80): string => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/** A part of the record in words: what kind of part, and the start of what it says. */
export function partWords(i18n: Translator, part: { kind: string; text: string }): string {
  const kind = i18n.dynamic(`pdf.amendments.part.${part.kind}`) ?? part.kind;
  return part.text ? i18n.t('ask.partOption', { kind, text: clip(part.text) }) : kind;
}

/**
 * Asking for a change (anyone let in but the chair): pick a part of the record, say what is wrong
 * and what it should say, send; then what became of each request, in plain words. After the
 * deadline asking is closed, and the page says whom to write to instead.
 */
export function AskForChange({ amendments, reload }: { amendments: Amendments; reload: () => Promise<void> }): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const { connection, token, author } = useConference();
  const family = author.role === 'family';
  const ids = { part: useId(), wrong: useId(), shouldSay: useId() };
  const [part, setPart] = useState('');
  const [wrong, setWrong] = useState('');
  const [shouldSay, setShouldSay] = useState('');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, say] = useTransient<true>();
  const deadline = i18n.date(amendments.deadline);

  const send = async (): Promise<void> => {
    setProblem(null);
    say(null);
    let input;
    try {
      input = cleanAmendmentInput({ part, wrong, shouldSay }, amendments.parts as RecordPart[]);
    } catch (err) {
      setProblem(errorWords(i18n, err, 'api.askForChange', family));
      return;
    }
    setSending(true);
    try {
      await api.askForChange(connection.conferenceId, token, input);
      setPart('');
      setWrong('');
      setShouldSay('');
      say(true);
      await reload();
    } catch (err) {
      setProblem(errorWords(i18n, err, 'api.askForChange', family));
      if (err instanceof ApiError && err.status === 410) await reload();
    } finally {
      setSending(false);
    }
  };

  const closed = amendments.closed;
  return (
    <div className="ask-for-change">
      {amendments.open ? (
        <form
          className="ask-form"
          aria-labelledby={`${ids.part}-title`}
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <h3 id={`${ids.part}-title`}>{t('ask.title')}</h3>
          <p>{t('ask.intro', { date: deadline })}</p>
          <label htmlFor={ids.part}>{t('ask.part')}</label>
          <select
            id={ids.part}
            value={part}
            onChange={(e) => {
              setPart(e.target.value);
              setProblem(null);
            }}
          >
            <option value="">{t('ask.choosePart')}</option>
            {amendments.parts.map((p) => (
              <option key={p.key} value={p.key}>
                {partWords(i18n, p)}
              </option>
            ))}
          </select>
          <label htmlFor={ids.wrong}>{t('ask.wrong')}</label>
          <textarea
            id={ids.wrong}
            value={wrong}
            rows={3}
            dir="auto"
            onChange={(e) => {
              setWrong(e.target.value);
              setProblem(null);
            }}
          />
          <label htmlFor={ids.shouldSay}>{t('ask.shouldSay')}</label>
          <textarea id={ids.shouldSay} value={shouldSay} rows={3} dir="auto" onChange={(e) => setShouldSay(e.target.value)} />
          {problem && <p role="alert">{problem}</p>}
          <button type="submit" className="primary" disabled={sending}>
            {sending ? t('ask.sending') : t('ask.send')}
          </button>
          <p role="status">{sent ? t('ask.sent') : ''}</p>
        </form>
      ) : (
        <div className="ask-closed" data-testid="ask-closed">
          <h3>{t('ask.closedTitle')}</h3>
          <p>{closedWords(i18n, closed, amendments.deadline)}</p>
        </div>
      )}
      <MyRequests requests={amendments.requests} />
    </div>
  );
}

/** Asking has closed: the server's plain message of whom to write to, in the reader's language. */
function closedWords(i18n: Translator, closed: Amendments['closed'], deadline: string): string {
  if (closed && isApiErrorCode(closed.code)) {
    const params = Object.fromEntries(Object.entries(closed.params ?? {}));
    return errorWords(i18n, new ApiError(410, closed.error, 'api.amendments', { code: closed.code, params }));
  }
  return i18n.t('ask.closedSince', { date: i18n.date(deadline) });
}

/** The person's own requests, and what became of each. */
function MyRequests({ requests }: { requests: Amendment[] }): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  return (
    <div className="my-requests" data-testid="my-requests">
      <h3>{t('ask.yours')}</h3>
      {requests.length === 0 ? (
        <p className="muted">{t('ask.none')}</p>
      ) : (
        <ul className="requests">
          {[...requests].reverse().map((r) => (
            <li key={r.id} className={`request status-${r.status}`}>
              <p className="muted">
                {t('ask.asked', { date: i18n.date(ukDate(r.askedAt)) })} · {partWords(i18n, { kind: r.kind, text: r.quoted })}
              </p>
              <p dir="auto">{t('ask.youWrote', { text: r.wrong })}</p>
              {r.shouldSay && <p dir="auto">{t('ask.itShouldSay', { text: r.shouldSay })}</p>}
              <p className="outcome" data-testid="request-outcome">
                <strong>
                  {r.status === 'waiting'
                    ? t('ask.status.waiting')
                    : r.status === 'declined'
                      ? t('ask.status.declined')
                      : r.publishedIn !== null
                        ? t('ask.status.published', { n: r.publishedIn })
                        : t('ask.status.accepted')}
                </strong>
                {r.answer && (
                  <>
                    {' '}
                    <span dir="auto">{t('ask.chairSaid', { text: r.answer })}</span>
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
