import { useState } from 'react';
import { createConference } from '../api';
import { saveInvitations, saveToken } from '../session';

export function Landing(): React.JSX.Element {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const start = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const created = await createConference();
      saveToken(created.id, created.chairToken);
      saveInvitations(created.id, {
        professional: new URL(created.links.professional, window.location.origin).toString(),
        family: new URL(created.links.family, window.location.origin).toString(),
      });
      window.location.assign(`/c/${created.id}`);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The conference could not be created.');
      setBusy(false);
    }
  };

  return (
    <main className="landing">
      <h1>Conference Board</h1>
      <p className="lead">
        A shared board for child protection conferences that use the Signs of Safety approach. The chair opens a
        conference, everyone in the room adds what they know, and the board becomes the record.
      </p>
      <button type="button" className="primary big" onClick={() => void start()} disabled={busy}>
        {busy ? 'Creating the conference…' : 'New conference'}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <p className="muted">Were you sent a link? Open that link to join a conference.</p>
    </main>
  );
}
