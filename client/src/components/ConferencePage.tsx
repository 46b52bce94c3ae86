import { useEffect, useState } from 'react';
import type { AccessRole } from '../../../shared/model/index.js';
import { ApiError, checkAccess } from '../api';
import { loadMe, takeTokenFromLocation, type Me } from '../session';
import { JoinForm } from './JoinForm';
import { ConferenceView } from './ConferenceView';

type Access = { kind: 'checking' } | { kind: 'ok'; token: string; role: AccessRole } | { kind: 'refused'; message: string; retry: boolean };

/** Checks the link, asks the person who they are, then shows the conference. */
export function ConferencePage({ conferenceId }: { conferenceId: string }): React.JSX.Element {
  const [access, setAccess] = useState<Access>({ kind: 'checking' });
  const [me, setMe] = useState<Me | null>(() => loadMe(conferenceId));
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const token = takeTokenFromLocation(conferenceId);
    if (!token) {
      setAccess({ kind: 'refused', message: 'This address has no invitation in it. Open the link you were sent.', retry: false });
      return;
    }
    let cancelled = false;
    setAccess({ kind: 'checking' });
    checkAccess(conferenceId, token)
      .then((role) => !cancelled && setAccess({ kind: 'ok', token, role }))
      .catch((err: unknown) => {
        if (cancelled) return;
        const message = err instanceof Error ? err.message : 'This link could not be checked.';
        setAccess({ kind: 'refused', message, retry: !(err instanceof ApiError) || err.status === 0 || err.status >= 500 });
      });
    return () => {
      cancelled = true;
    };
  }, [conferenceId, attempt]);

  if (access.kind === 'checking') {
    return (
      <main className="centre" aria-busy="true">
        <p role="status">Opening the conference…</p>
      </main>
    );
  }
  if (access.kind === 'refused') {
    return (
      <main className="centre">
        <h1>We could not open this conference</h1>
        <p role="alert">{access.message}</p>
        {access.retry && (
          <button type="button" className="primary" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        )}
      </main>
    );
  }
  if (!me) return <JoinForm conferenceId={conferenceId} role={access.role} onJoined={setMe} />;
  return <ConferenceView conferenceId={conferenceId} token={access.token} role={access.role} me={me} />;
}
