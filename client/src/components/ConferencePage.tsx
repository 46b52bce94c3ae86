import { useCallback, useEffect, useState } from 'react';
import type { Author } from '../../../shared/model/index.js';
import { api, ApiError, type Me } from '../api';
import { ExpiryNotice } from './ExpiryNotice';
import { saveToken, takeTokenFromLocation } from '../session';
import { JoinForm } from './JoinForm';
import { ConferenceView } from './ConferenceView';

type Step = { kind: 'checking' } | { kind: 'refused'; message: string; retry: boolean } | { kind: 'ready'; token: string; me: Me };

const LOBBY_POLL_MS = 2000;

/**
 * Checks the link and shows the right screen: the join form for an invitation, the lobby while the
 * chair decides, then the conference.
 */
export function ConferencePage({ conferenceId }: { conferenceId: string }): React.JSX.Element {
  const [step, setStep] = useState<Step>({ kind: 'checking' });
  const [attempt, setAttempt] = useState(0);

  const check = useCallback(
    async (token: string): Promise<void> => {
      try {
        const me = await api.me(conferenceId, token);
        setStep({ kind: 'ready', token, me });
      } catch (err) {
        const message = err instanceof Error ? err.message : 'This link could not be checked.';
        setStep({
          kind: 'refused',
          message,
          retry: !(err instanceof ApiError) || err.status === 0 || err.status === 429 || err.status >= 500,
        });
      }
    },
    [conferenceId],
  );

  useEffect(() => {
    const token = takeTokenFromLocation(conferenceId);
    if (!token) {
      setStep({ kind: 'refused', message: 'This address has no invitation in it. Open the link you were sent.', retry: false });
      return;
    }
    setStep({ kind: 'checking' });
    void check(token);
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
        <p role="status">Opening the conference…</p>
      </main>
    );
  }
  if (step.kind === 'refused') {
    return (
      <main className="centre">
        <h1>We could not open this conference</h1>
        <p role="alert">{step.message}</p>
        {step.retry && (
          <button type="button" className="primary" onClick={() => setAttempt((n) => n + 1)}>
            Try again
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
          <h1>Thank you, {me.name}</h1>
          <p role="status" aria-live="polite">
            The chair will let you in shortly.
          </p>
          <p className="muted">You can keep this page open. It will change by itself when you are let in.</p>
        </main>
      );
    case 'declined':
      return (
        <main className="centre">
          <h1>You have not been let in</h1>
          <p role="alert">The chair has not let you in to this conference. If you think this is a mistake, please speak to the chair.</p>
        </main>
      );
    case 'chair':
    case 'participant': {
      const author: Author = {
        id: me.participantId ?? 'unknown',
        name: me.name ?? 'Unknown',
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
