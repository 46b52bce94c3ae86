import { useState } from 'react';
import { loadInvitations } from '../session';

function CopyLink({ label, url, testId }: { label: string; url: string; testId: string }): React.JSX.Element {
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div className="invite">
      <label>
        {label}
        <input readOnly value={url} onFocus={(e) => e.currentTarget.select()} data-testid={testId} />
      </label>
      <button type="button" onClick={() => void copy()}>
        Copy link
      </button>
      <span role="status" className="muted">
        {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Select the link and copy it by hand' : ''}
      </span>
    </div>
  );
}

/** The chair's invitation links (for now: only in the tab that created the conference). */
export function InvitePanel({ conferenceId }: { conferenceId: string }): React.JSX.Element | null {
  const invitations = loadInvitations(conferenceId);
  const [open, setOpen] = useState(true);
  if (!invitations) return null;
  return (
    <section className="invites" aria-labelledby="invites-heading">
      <div className="invites-head">
        <h2 id="invites-heading">Invite people</h2>
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide links' : 'Show links'}
        </button>
      </div>
      {open && (
        <>
          <p className="muted">Send these links only to the people invited to this conference. Anyone with a link can join.</p>
          <CopyLink label="Link for professionals" url={invitations.professional} testId="invite-professionals" />
          <CopyLink label="Link for the family" url={invitations.family} testId="invite-family" />
        </>
      )}
    </section>
  );
}
