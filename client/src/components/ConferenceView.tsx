import { useEffect, useMemo, useState } from 'react';
import { CONFERENCE_KIND_LABELS, readConferenceDetails, readParticipants, type Author } from '../../../shared/model/index.js';
import { catchUp, ConferenceConnection, type RefusedChanges } from '../conference/connection';
import { useChairState, useConnectionState, useDocJson } from '../conference/hooks';
import { ConferenceContext, type ConferenceContextValue } from '../conference/context';
import { defaultMode, SCREEN_MODES, useUi, type ScreenMode } from '../ui';
import { ChangeAnnouncer } from './ChangeAnnouncer';
import { QrCode } from './QrCode';
import { loadInvitations } from '../session';
import { StageBar } from './StageBar';
import { SummaryButton } from './SummaryButton';
import { Introductions } from './stages/Introductions';
import { DangerStatements } from './stages/DangerStatements';
import { Scaling } from './stages/Scaling';
import { Plan } from './stages/Plan';
import { Contingency } from './stages/Contingency';
import { Decision } from './stages/Decision';
import { NextSteps } from './stages/NextSteps';
import { End } from './stages/End';
import type { StageId } from '../../../shared/model/index.js';
import { Board } from './Board';
import { ChairPanel } from './ChairPanel';
import { ConnectionBadge } from './ConnectionBadge';
import { PresenceList } from './PresenceList';
import { NotSavedNotice, type NotSaved } from './NotSavedNotice';
import { StageErrorBoundary } from './StageErrorBoundary';

interface Props {
  conferenceId: string;
  token: string;
  author: Author;
}

export function ConferenceView({ conferenceId, token, author }: Props): React.JSX.Element | null {
  const [connection, setConnection] = useState<ConferenceConnection | null>(null);
  // When the server refuses a change, this screen starts again from the server's copy (a new
  // connection) and then says what was not saved and why.
  const [refused, setRefused] = useState<RefusedChanges | null>(null);
  const [notSaved, setNotSaved] = useState<NotSaved | null>(null);

  useEffect(() => {
    const conn = new ConferenceConnection(conferenceId, token, author.role, (r) => setRefused(r));
    conn.catchingUp = refused;
    setConnection(conn);
    return () => conn.destroy();
  }, [conferenceId, token, author.role, refused]);

  useEffect(() => {
    connection?.setPresence(author);
  }, [connection, author]);

  // Once the fresh connection has synced: work out what the server never stored, make the other
  // changes again, and tell the person about the one that was refused.
  useEffect(() => {
    const refusedBefore = connection?.catchingUp;
    if (!connection || !refusedBefore) return;
    let finished = false;
    const done = (): void => {
      if (finished || !connection.state.getState().loaded) return;
      finished = true;
      setNotSaved({ ...catchUp(connection, refusedBefore), at: Date.now() });
    };
    done();
    return connection.state.subscribe(done);
  }, [connection]);

  if (!connection) return null;
  return (
    <>
      {notSaved && <NotSavedNotice notSaved={notSaved} onDismiss={() => setNotSaved(null)} />}
      <LiveConference connection={connection} author={author} token={token} />
    </>
  );
}

function LiveConference({
  connection,
  author,
  token,
}: {
  connection: ConferenceConnection;
  author: Author;
  token: string;
}): React.JSX.Element {
  const state = useConnectionState(connection);
  const chair = useChairState(connection);
  const details = useDocJson(connection.doc, readConferenceDetails);
  const lead = useDocJson(connection.doc, (doc) => readParticipants(doc).get(author.id)?.lead === true);
  const locked = chair.lockedAt !== null;
  const closed = state.status.kind === 'closed' ? state.status.reason : null;
  const chosenMode = useUi((u) => u.mode);
  const setMode = useUi((u) => u.setMode);
  const mode: ScreenMode = chosenMode ?? defaultMode(author.role, window.innerWidth, window.location.search);
  const readOnly = locked || closed !== null || mode === 'projector';
  // rem units follow the root: the projector and the tablet scale the whole page.
  useEffect(() => {
    document.documentElement.dataset.mode = mode;
    return () => {
      delete document.documentElement.dataset.mode;
    };
  }, [mode]);
  const context: ConferenceContextValue = useMemo(
    () => ({ connection, author, token, chair, details, readOnly, mode, lead }),
    [connection, author, token, chair, details, readOnly, mode, lead],
  );
  const viewing = useUi((u) => u.viewing);
  const stage: StageId = viewing ?? chair.stage;

  return (
    <div className={`conference role-${author.role} mode-${mode}`}>
      <a className="skip-link" href="#stage-content">
        Skip to the conference
      </a>
      <header className="topbar">
        <div className="title-block">
          <h1 className="title">{details ? CONFERENCE_KIND_LABELS[details.kind] : 'Conference Board'}</h1>
          {details && (
            <p className="subtitle">
              {new Date(`${details.date}T12:00:00`).toLocaleDateString('en-GB', {
                weekday: 'long',
                day: 'numeric',
                month: 'long',
                year: 'numeric',
              })}
              {' · '}
              {details.children.map((c) => `${c.name} (${c.age})`).join(', ')}
            </p>
          )}
        </div>
        <ConnectionBadge state={state} />
        <PresenceList connection={connection} me={author} />
        <label className="mode-switch">
          Screen{' '}
          <select value={mode} onChange={(e) => setMode(e.target.value as ScreenMode)}>
            {SCREEN_MODES.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
      </header>
      <ChangeAnnouncer connection={connection} me={author} />
      {mode === 'projector' && author.role === 'chair' && <ProjectorInvitations conferenceId={connection.conferenceId} />}
      {locked && (
        <p className="banner" role="status" data-testid="locked-banner">
          The meeting has ended. The board is now read-only: nothing more can be added or changed.{' '}
          <ConferenceContext.Provider value={context}>
            <SummaryButton />
          </ConferenceContext.Provider>
        </p>
      )}
      {closed && state.loaded && (
        <p className="banner warning" role="alert">
          {closed}
        </p>
      )}
      {author.role === 'chair' && mode !== 'projector' && (
        <ChairPanel conferenceId={connection.conferenceId} token={token} locked={locked} />
      )}
      {closed && !state.loaded ? (
        <main className="centre">
          <h2>We could not open this conference</h2>
          <p role="alert">{closed}</p>
        </main>
      ) : state.loaded ? (
        <ConferenceContext.Provider value={context}>
          <StageBar />
          <StageView stage={stage} />
        </ConferenceContext.Provider>
      ) : (
        <main className="centre" aria-busy="true">
          <p role="status">Loading the board…</p>
        </main>
      )}
    </div>
  );
}

function StageView({ stage }: { stage: StageId }): React.JSX.Element {
  let view: React.JSX.Element;
  switch (stage) {
    case 'introductions':
      view = <Introductions />;
      break;
    case 'board':
      view = <BoardStage />;
      break;
    case 'danger':
      view = <DangerStatements />;
      break;
    case 'scaling':
      view = <Scaling />;
      break;
    case 'plan':
      view = <Plan />;
      break;
    case 'contingency':
      view = <Contingency />;
      break;
    case 'decision':
      view = <Decision />;
      break;
    case 'next':
      view = <NextSteps />;
      break;
    case 'end':
      view = <End />;
      break;
  }
  return (
    <main id="stage-content" className="stage-content" data-stage={stage} tabIndex={-1}>
      <StageErrorBoundary key={stage}>{view}</StageErrorBoundary>
    </main>
  );
}

function BoardStage(): React.JSX.Element {
  return <Board />;
}

/** On the projected screen, the invitation QR codes on demand, so people can join from their seats. */
function ProjectorInvitations({ conferenceId }: { conferenceId: string }): React.JSX.Element | null {
  const [shown, setShown] = useState(false);
  const invitations = loadInvitations(conferenceId);
  if (!invitations.professional && !invitations.family) return null;
  return (
    <section className="projector-qr" aria-label="Invitations">
      <button type="button" aria-expanded={shown} onClick={() => setShown(!shown)}>
        {shown ? 'Hide the QR codes' : 'Show the QR codes to join'}
      </button>
      {shown && (
        <div className="qr-row">
          {invitations.professional && (
            <figure>
              <QrCode text={invitations.professional} label="QR code to join as a professional" />
              <figcaption>Professionals</figcaption>
            </figure>
          )}
          {invitations.family && (
            <figure>
              <QrCode text={invitations.family} label="QR code to join as family" />
              <figcaption>Family</figcaption>
            </figure>
          )}
        </div>
      )}
    </section>
  );
}
