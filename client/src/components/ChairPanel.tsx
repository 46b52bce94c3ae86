import { useEffect, useId, useRef, useState } from 'react';
import { api, ApiError, type AuditEntry, type WaitingPerson } from '../api';
import { absoluteLink, forgetConference, loadInvitations, saveInvitations, type Invitations } from '../session';
import { QrCode } from './QrCode';

const LOBBY_POLL_MS = 2000;

interface Props {
  conferenceId: string;
  token: string;
  locked: boolean;
}

/** The chair's controls: invitations, the lobby, ending the meeting, deleting the data, the audit trail. */
export function ChairPanel({ conferenceId, token, locked }: Props): React.JSX.Element {
  const [open, setOpen] = useState(true);
  const [message, setMessage] = useState('');
  const panelId = useId();
  return (
    <section className="chair-panel" aria-labelledby={`${panelId}-h`}>
      <div className="panel-head">
        <h2 id={`${panelId}-h`}>Chair’s controls</h2>
        <button type="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
          {open ? 'Hide' : 'Show'} chair’s controls
        </button>
      </div>
      <p className="panel-status" role="status" aria-live="polite">
        {message}
      </p>
      <div id={panelId} hidden={!open}>
        <p>
          <button type="button" onClick={() => window.open(`${window.location.pathname}?view=projector`, '_blank')}>
            Open the projector view in a new window
          </button>
        </p>
        {!locked && <InvitationsAndLobby conferenceId={conferenceId} token={token} notify={setMessage} />}
        <EndAndDelete conferenceId={conferenceId} token={token} locked={locked} notify={setMessage} />
        <AuditTrail conferenceId={conferenceId} token={token} />
      </div>
    </section>
  );
}

function InvitationsAndLobby({
  conferenceId,
  token,
  notify,
}: {
  conferenceId: string;
  token: string;
  notify: (m: string) => void;
}): React.JSX.Element {
  const [invitations, setInvitations] = useState<Invitations>(() => loadInvitations(conferenceId));
  const [waiting, setWaiting] = useState<WaitingPerson[]>([]);
  const [admitted, setAdmitted] = useState<WaitingPerson[]>([]);
  const [autoAdmit, setAutoAdmit] = useState(false);
  const [lobbyError, setLobbyError] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    const poll = (): void => {
      api
        .lobby(conferenceId, token)
        .then((lobby) => {
          if (stopped) return;
          setWaiting(lobby.waiting);
          setAdmitted(lobby.admitted);
          setAutoAdmit(lobby.autoAdmit);
          setLobbyError(null);
        })
        .catch((err: unknown) => !stopped && setLobbyError(err instanceof Error ? err.message : 'The waiting list could not be loaded.'));
    };
    poll();
    const timer = setInterval(poll, LOBBY_POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [conferenceId, token]);

  const decide = async (person: WaitingPerson, decision: 'admit' | 'decline'): Promise<void> => {
    try {
      await api.decide(conferenceId, token, person.participantId, decision);
      setWaiting((list) => list.filter((p) => p.participantId !== person.participantId));
      notify(decision === 'admit' ? `${person.name} has been let in.` : `${person.name} has not been let in.`);
    } catch (err) {
      notify(err instanceof Error ? err.message : 'That did not work.');
    }
  };

  const declineAll = async (): Promise<void> => {
    try {
      const { declined } = await api.declineAllWaiting(conferenceId, token);
      setWaiting([]);
      notify(`${declined} ${declined === 1 ? 'person was' : 'people were'} not let in.`);
    } catch (err) {
      notify(err instanceof Error ? err.message : 'That did not work.');
    }
  };

  const remove = async (person: WaitingPerson): Promise<void> => {
    try {
      await api.removeParticipant(conferenceId, token, person.participantId);
      setAdmitted((list) => list.filter((p) => p.participantId !== person.participantId));
      notify(`${person.name} has been removed. Their link no longer works.`);
    } catch (err) {
      notify(err instanceof Error ? err.message : 'That did not work.');
    }
  };

  const change = async (role: 'professional' | 'family', action: 'revoke' | 'reissue'): Promise<void> => {
    try {
      let link: string | null = null;
      if (action === 'reissue') link = absoluteLink((await api.reissueInvitation(conferenceId, token, role)).link);
      else await api.revokeInvitation(conferenceId, token, role);
      const next = { ...invitations, [role]: link };
      setInvitations(next);
      saveInvitations(conferenceId, next);
      const who = role === 'family' ? 'the family' : 'professionals';
      notify(
        action === 'reissue' ? `A new link for ${who} is ready. The old one no longer works.` : `The link for ${who} no longer works.`,
      );
    } catch (err) {
      notify(err instanceof Error ? err.message : 'That did not work.');
    }
  };

  const toggleAutoAdmit = async (value: boolean): Promise<void> => {
    try {
      await api.setAutoAdmit(conferenceId, token, value);
      setAutoAdmit(value);
    } catch (err) {
      notify(err instanceof Error ? err.message : 'The setting could not be changed.');
    }
  };

  return (
    <div className="chair-grid">
      <section aria-labelledby="lobby-h" className="lobby-panel">
        <h3 id="lobby-h">Waiting to join ({waiting.length})</h3>
        {lobbyError && <p className="error">{lobbyError}</p>}
        {waiting.length === 0 ? (
          <p className="muted">Nobody is waiting.</p>
        ) : (
          <ul className="waiting" data-testid="lobby">
            {waiting.map((p) => (
              <li key={p.participantId}>
                <span>
                  <strong>{p.name}</strong>, {p.roleLabel}{' '}
                  <span className="muted">({p.role === 'family' ? 'family' : 'professional'})</span>
                </span>
                <span className="buttons">
                  <button type="button" className="primary" onClick={() => void decide(p, 'admit')} aria-label={`Let ${p.name} in`}>
                    Let in
                  </button>
                  <button type="button" onClick={() => void decide(p, 'decline')} aria-label={`Do not let ${p.name} in`}>
                    Decline
                  </button>
                </span>
              </li>
            ))}
          </ul>
        )}
        {waiting.length > 1 && (
          <Confirmed
            ask={`Decline everyone waiting (${waiting.length})`}
            confirm={`Yes, decline all ${waiting.length}`}
            question="Nobody waiting now will be let in. Anyone who should be here can ask again with the link."
            onConfirm={declineAll}
          />
        )}
        <label className="choice">
          <input type="checkbox" checked={autoAdmit} onChange={(e) => void toggleAutoAdmit(e.target.checked)} />
          Let invited people in without asking me
        </label>
      </section>
      <section aria-labelledby="admitted-h" className="lobby-panel">
        <h3 id="admitted-h">Let in ({admitted.length})</h3>
        {admitted.length === 0 ? (
          <p className="muted">Nobody has been let in yet.</p>
        ) : (
          <ul className="waiting" data-testid="admitted">
            {admitted.map((p) => (
              <li key={p.participantId}>
                <span>
                  <strong>{p.name}</strong>, {p.roleLabel}
                </span>
                <Confirmed
                  ask="Remove"
                  askLabel={`Remove ${p.name} from the conference`}
                  confirm={`Yes, remove ${p.name}`}
                  question={`${p.name}’s screens will close and their link will stop working. What they wrote stays.`}
                  onConfirm={() => remove(p)}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
      <Invitation role="professional" label="Link for professionals" link={invitations.professional} onChange={change} />
      <Invitation role="family" label="Link for the family" link={invitations.family} onChange={change} />
    </div>
  );
}

/** A button that asks once more before it acts. */
function Confirmed(props: {
  ask: string;
  askLabel?: string;
  confirm: string;
  question: string;
  onConfirm: () => Promise<void>;
}): React.JSX.Element {
  const [asking, setAsking] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  // Focus moves to the answer, so keyboard users land on it.
  useEffect(() => {
    if (asking) yes.current?.focus();
  }, [asking]);
  if (!asking)
    return (
      <button type="button" aria-label={props.askLabel} onClick={() => setAsking(true)}>
        {props.ask}
      </button>
    );
  return (
    <span className="confirm" role="group" aria-label={props.ask}>
      <span>{props.question}</span>
      <span className="buttons">
        <button
          type="button"
          className="danger"
          ref={yes}
          onClick={() => {
            setAsking(false);
            void props.onConfirm();
          }}
        >
          {props.confirm}
        </button>
        <button type="button" onClick={() => setAsking(false)}>
          Cancel
        </button>
      </span>
    </span>
  );
}

function Invitation(props: {
  role: 'professional' | 'family';
  label: string;
  link: string | null;
  onChange: (role: 'professional' | 'family', action: 'revoke' | 'reissue') => Promise<void>;
}): React.JSX.Element {
  const { role, label, link, onChange } = props;
  const [showQr, setShowQr] = useState(false);
  const [copied, setCopied] = useState('');
  const inputId = useId();
  const copy = async (): Promise<void> => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setCopied('Copied');
    } catch {
      setCopied('Select the link and copy it by hand');
    }
  };
  return (
    <section className="invitation" aria-label={label}>
      <h3>{label}</h3>
      {link ? (
        <>
          <label htmlFor={inputId} className="visually-hidden">
            {label}
          </label>
          <input id={inputId} readOnly value={link} onFocus={(e) => e.currentTarget.select()} data-testid={`invite-${role}`} />
          <div className="buttons">
            <button type="button" onClick={() => void copy()}>
              Copy link
            </button>
            <button type="button" aria-expanded={showQr} onClick={() => setShowQr(!showQr)}>
              {showQr ? 'Hide QR code' : 'Show QR code'}
            </button>
            <button type="button" onClick={() => void onChange(role, 'revoke')}>
              Turn off this link
            </button>
          </div>
          <span role="status" className="muted">
            {copied}
          </span>
          {showQr && <QrCode text={link} label={`QR code: ${label}`} />}
        </>
      ) : (
        <p className="muted">
          This link is not shown in this window. Make a new one to invite more people (the old one then stops working).
        </p>
      )}
      <button type="button" onClick={() => void onChange(role, 'reissue')}>
        Make a new link
      </button>
    </section>
  );
}

function EndAndDelete({
  conferenceId,
  token,
  locked,
  notify,
}: {
  conferenceId: string;
  token: string;
  locked: boolean;
  notify: (m: string) => void;
}): React.JSX.Element {
  const [confirming, setConfirming] = useState<'end' | 'delete' | null>(null);
  const [busy, setBusy] = useState(false);
  /** Hidden scores not shown yet: the chair decides, knowingly, what happens to them. */
  const [unrevealed, setUnrevealed] = useState<number | null>(null);
  const act = async (scores?: 'reveal' | 'leave-out'): Promise<void> => {
    setBusy(true);
    try {
      if (confirming === 'end') {
        try {
          await api.lock(conferenceId, token, scores);
        } catch (err) {
          if (err instanceof ApiError && err.code === 'unrevealed-scores') {
            setUnrevealed(err.count ?? 0);
            return;
          }
          throw err;
        }
        setUnrevealed(null);
        notify('The meeting has ended. The board is read-only for everyone.');
      } else if (confirming === 'delete') {
        await api.purge(conferenceId, token);
        forgetConference(conferenceId);
        notify('Everything stored about this conference has been deleted.');
      }
      setConfirming(null);
    } catch (err) {
      notify(err instanceof Error ? err.message : 'That did not work.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="end-meeting" aria-label="End of the meeting">
      {!locked && confirming !== 'end' && (
        <button type="button" className="primary" onClick={() => setConfirming('end')}>
          End the meeting
        </button>
      )}
      {locked && confirming !== 'delete' && (
        <button type="button" className="danger" onClick={() => setConfirming('delete')}>
          Delete this conference’s data
        </button>
      )}
      {confirming && (
        <div className="confirm" role="group" aria-label="Please confirm">
          <p>
            {confirming === 'end'
              ? 'End the meeting now? Everyone’s board becomes read-only and nothing more can be added.'
              : 'Delete everything stored about this conference? Only do this once everyone has the record. It cannot be undone.'}
          </p>
          {unrevealed !== null && confirming === 'end' ? (
            <>
              <p role="alert" data-testid="unrevealed-scores">
                {unrevealed} {unrevealed === 1 ? 'score was' : 'scores were'} given in private and not shown yet. Show them now, or leave{' '}
                {unrevealed === 1 ? 'it' : 'them'} out of the record? The record will say which you chose.
              </p>
              <button type="button" className="primary" disabled={busy} onClick={() => void act('reveal')}>
                Show the scores, then end the meeting
              </button>
              <button type="button" disabled={busy} onClick={() => void act('leave-out')}>
                Leave them out of the record and end the meeting
              </button>
            </>
          ) : (
            <button type="button" className={confirming === 'end' ? 'primary' : 'danger'} disabled={busy} onClick={() => void act()}>
              {confirming === 'end' ? 'Yes, end the meeting' : 'Yes, delete everything'}
            </button>
          )}
          <button
            type="button"
            onClick={() => {
              setConfirming(null);
              setUnrevealed(null);
            }}
          >
            Cancel
          </button>
        </div>
      )}
    </section>
  );
}

const EVENT_WORDS: Record<string, string> = {
  created: 'created the conference',
  'asked-to-join': 'asked to join',
  admitted: 'was let in',
  declined: 'was not let in',
  removed: 'was removed by the chair',
  joined: 'connected',
  left: 'disconnected',
  'invitation-revoked': 'turned off an invitation link',
  'invitation-reissued': 'made a new invitation link',
  locked: 'ended the meeting',
  sealed: 'sealed the record',
  'scores-revealed': 'showed the hidden scores',
  'scores-left-out': 'left hidden scores out of the record',
  purged: 'deleted the conference',
};

function AuditTrail({ conferenceId, token }: { conferenceId: string; token: string }): React.JSX.Element {
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const load = async (): Promise<void> => {
    try {
      setEntries((await api.audit(conferenceId, token)).entries);
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The audit trail could not be loaded.');
    }
  };
  return (
    <section className="audit" aria-label="Audit trail">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => {
          if (!open) void load();
          setOpen(!open);
        }}
      >
        {open ? 'Hide the audit trail' : 'Show the audit trail'}
      </button>
      {open && (
        <>
          <p className="muted">Who joined, was let in, left, and when. What people wrote is never recorded here.</p>
          {error && <p className="error">{error}</p>}
          {entries && (
            <ol className="audit-list" data-testid="audit">
              {entries.map((e, i) => (
                <li key={i}>
                  <time dateTime={new Date(e.at).toISOString()}>{new Date(e.at).toLocaleTimeString('en-GB')}</time>{' '}
                  {e.name ? `${e.name}${e.roleLabel ? ` (${e.roleLabel})` : ''}` : e.role ? `The ${e.role}` : 'The server'}{' '}
                  {EVENT_WORDS[e.event] ?? e.event}
                </li>
              ))}
            </ol>
          )}
          <button type="button" onClick={() => void load()}>
            Refresh
          </button>
        </>
      )}
    </section>
  );
}
