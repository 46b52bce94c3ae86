import { useCallback, useEffect, useState } from 'react';
import type { Author } from '../../../shared/model/index.js';
import { api, ApiError, type Me } from '../api';
import { ExpiryNotice } from './ExpiryNotice';
import { saveToken, takeTokenFromLocation } from '../session';
import { useT } from '../i18n/store';
import { errorWords } from '../i18n/words';
import { JoinForm } from './JoinForm';
import { ConferenceView } from './ConferenceView';

type Step = { kind: 'checking' } | { kind: 'refused'; error: unknown; retry: boolean } | { kind: 'ready'; token: string; me: Me };

const LOBBY_POLL_MS = 2000;

/**
 * Checks the link and shows the right screen: the join form for an invitation, the lobby while the
 * chair decides, then the conference.
 */
export function ConferencePage({ conferenceId }: { conferenceId: string }): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const [step, setStep] = useState<Step>({ kind: 'checking' });
  const [attempt, setAttempt] = useState(0);

  const check = useCallback(
    async (token: string): Promise<void> => {
      try {
        const me = await api.me(conferenceId, token);
        setStep({ kind: 'ready', token, me });
      } catch (err) {
        setStep({
          kind: 'refused',
          error: err,
          retry: !(err instanceof ApiError) || err.status === 0 || err.status === 429 || err.status >= 500,
        });
      }
    },
    [conferenceId],
  );

  useEffect(() => {
    const token = takeTokenFromLocation(conferenceId);
    // The token check is a request to the server (an external system): this screen shows it running.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the state mirrors a request this effect starts
    setStep(token ? { kind: 'checking' } : { kind: 'refused', error: null, retry: false });
    if (token) void check(token);
  }, [conferenceId, attempt, check]);

  // In the lobby: ask again every few seconds whether the chair has let this person in.
  const waiting = step.kind === 'ready' && step.me.kind === 'lobby' ? step.token : null;
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => {
      api
        .me(conferenceId, waiting)
        .then((me) => {
          if (me.kind !== 'lobby') setStep({ kind: 'ready', token: waiting, me });
        })
        .catch(() => undefined); // keep waiting; a network blip is not an answer
    }, LOBBY_POLL_MS);
    return () => clearInterval(timer);
  }, [conferenceId, waiting]);

  if (step.kind === 'checking') {
    return (
      <main className="centre" aria-busy="true">
        <p role="status">{t('open.checking')}</p>
      </main>
    );
  }
  if (step.kind === 'refused') {
    return (
      <main className="centre">
        <h1>{t('open.failed')}</h1>
        <p role="alert">{step.error === null ? t('open.noInvitation') : errorWords(i18n, step.error, 'api.me')}</p>
        {step.retry && (
          <button type="button" className="primary" onClick={() => setAttempt((n) => n + 1)}>
            {t('common.tryAgain')}
          </button>
        )}
      </main>
    );
  }
  const { me, token } = step;
  switch (me.kind) {
    case 'invitation':
      return (
        <JoinForm
          role={me.role}
          locked={me.locked}
          onJoin={async (name, roleLabel) => {
            const asked = await api.askToJoin(conferenceId, token, name, roleLabel);
            saveToken(conferenceId, asked.token);
            await check(asked.token);
          }}
        />
      );
    case 'lobby':
      return (
        <main className="centre lobby">
          <h1>{t('lobby.thanks', { name: me.name ?? '' })}</h1>
          <p role="status" aria-live="polite">
            {t('lobby.waiting')}
          </p>
          <p className="muted">{t('lobby.keepOpen')}</p>
        </main>
      );
    case 'declined':
      return (
        <main className="centre">
          <h1>{t('declined.title')}</h1>
          <p role="alert">{t('declined.text')}</p>
        </main>
      );
    case 'chair':
    case 'participant': {
      const author: Author = {
        id: me.participantId ?? 'unknown',
        name: me.name ?? '',
        roleLabel: me.roleLabel ?? '',
        role: me.role,
      };
      return (
        <>
          {me.kind === 'chair' && me.expiry && <ExpiryNotice expiry={me.expiry} />}
          <ConferenceView conferenceId={conferenceId} token={token} author={author} />
        </>
      );
    }
  }
}
