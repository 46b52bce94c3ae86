import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { readConferenceDetails, readParticipants, type Author } from '../../../shared/model/index.js';
import { catchUp, ConferenceConnection, type RefusedChanges } from '../conference/connection';
import { useChairState, useConnectionState, useDocJson } from '../conference/hooks';
import { ConferenceContext, type ConferenceContextValue } from '../conference/context';
import { defaultMode, SCREEN_MODES, useUi, type ScreenMode } from '../ui';
import { useT } from '../i18n/store';
import { closedWords } from '../i18n/words';
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
import { ConnectionBadge } from './ConnectionBadge';
import { LanguagePicker } from './LanguagePicker';
import { GlobeIcon } from './GlobeIcon';
import { PresenceList } from './PresenceList';
import { NotSavedNotice, type NotSaved } from './NotSavedNotice';
import { StageErrorBoundary } from './StageErrorBoundary';
import { Typed } from '../i18n/Rich';
import { AfterMeeting } from './after/AfterMeeting';
import { AmendingBanner } from './after/AmendingBanner';

// The chair's panel (invitations, lobby, QR codes) is loaded beside the board, not before it.
const ChairPanel = lazy(() => import('./ChairPanel').then((m) => ({ default: m.ChairPanel })));
import { AcrossConferences } from './across/AcrossConferences';

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
    // The connection is an external system this effect opens and closes; the screen renders from it.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the state holds what this effect opened
    setConnection(conn);
    return () => conn.destroy();
  }, [conferenceId, token, author.role, refused]);

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
  const i18n = useT();
  const { t } = i18n;
  const state = useConnectionState(connection);
  const chair = useChairState(connection);
  const details = useDocJson(connection.doc, readConferenceDetails);
  const lead = useDocJson(connection.doc, (doc) => readParticipants(doc).get(author.id)?.lead === true);
  const locked = chair.lockedAt !== null;
  const closed = state.status.kind === 'closed' ? closedWords(i18n, state.status.code, state.status.removed) : null;
  const chosenMode = useUi((u) => u.mode);
  const mode: ScreenMode = chosenMode ?? defaultMode(author.role, window.innerWidth, window.location.search);
  // After the meeting the record is read-only, but for the chair while amending it (the relay takes only the chair's writes then).
  const amending = locked && chair.amending && author.role === 'chair';
  const readOnly = (locked && !amending) || closed !== null || mode === 'projector';
  const wallSize = useUi((u) => u.wallSize);
  // rem units follow the root: the projector and the tablet scale the whole page.
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.mode = mode;
    root.style.setProperty('--wall-step', String(wallSize));
    return () => {
      delete root.dataset.mode;
      root.style.removeProperty('--wall-step');
    };
  }, [mode, wallSize]);
  // The wall is a view of the conference, not a person: it does not appear in "who is here".
  useEffect(() => {
    connection.setPresence(mode === 'projector' ? null : author);
  }, [connection, author, mode]);
  const context: ConferenceContextValue = useMemo(
    () => ({ connection, author, token, chair, details, readOnly, mode, lead }),
    [connection, author, token, chair, details, readOnly, mode, lead],
  );
  const viewing = useUi((u) => u.viewing);
  const stage: StageId = viewing ?? chair.stage;
  const children = details?.children.map((c, i) => (
    <span key={i}>
      {i > 0 && t('common.listSeparator')}
      {t('conference.child', { name: c.name, age: c.age })}
    </span>
  ));

  return (
    <div className={`conference role-${author.role} mode-${mode}`}>
      <a className="skip-link" href="#stage-content">
        {t('conference.skip')}
      </a>
      <header className="topbar">
        <div className="title-block">
          <h1 className="title">{details ? t(`kind.${details.kind}`) : t('app.name')}</h1>
          {details && (
            <p className="subtitle">
              {i18n.date(details.date)}
              {' · '}
              <Typed>{children}</Typed>
            </p>
          )}
        </div>
        <ConnectionBadge state={state} />
        {mode !== 'projector' && <PresenceList connection={connection} me={author} />}
        <ScreenSettings mode={mode} conferenceId={connection.conferenceId} isChair={author.role === 'chair'} />
      </header>
      <ChangeAnnouncer connection={connection} me={author} />
      {locked && (
        <p className="banner" role="status" data-testid="locked-banner">
          {t('conference.ended')}{' '}
          <ConferenceContext.Provider value={context}>
            <SummaryButton />
          </ConferenceContext.Provider>
        </p>
      )}
      {amending && mode !== 'projector' && <AmendingBanner />}
      {closed && state.loaded && (
        <p className="banner warning" role="alert">
          {closed}
        </p>
      )}
      {author.role === 'chair' && mode !== 'projector' && (
        <Suspense fallback={null}>
          <ChairPanel conferenceId={connection.conferenceId} token={token} locked={locked} />
        </Suspense>
      )}
      {closed && !state.loaded ? (
        <main className="centre">
          <h2>{t('open.failed')}</h2>
          <p role="alert">{closed}</p>
        </main>
      ) : state.loaded ? (
        <ConferenceContext.Provider value={context}>
          {locked && mode !== 'projector' && <AfterMeeting />}
          <AcrossConferences />
          <StageBar />
          <StageView stage={stage} />
        </ConferenceContext.Provider>
      ) : (
        <main className="centre" aria-busy="true">
          <p role="status">{t('conference.loading')}</p>
        </main>
      )}
    </div>
  );
}

/**
 * How this screen is shown (laptop, tablet, wall) and in which language. On the tablet and the
 * wall they fold away behind one small button, so the content comes first and the room sees no
 * controls; on the wall the chair's invitation QR codes are there too.
 */
function ScreenSettings({ mode, conferenceId, isChair }: { mode: ScreenMode; conferenceId: string; isChair: boolean }): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const setMode = useUi((u) => u.setMode);
  const controls = (
    <>
      <label className="mode-switch">
        {t('screen.label')}{' '}
        <select value={mode} onChange={(e) => setMode(e.target.value as ScreenMode)}>
          {SCREEN_MODES.map((m) => (
            <option key={m} value={m}>
              {t(`screen.${m}`)}
            </option>
          ))}
        </select>
      </label>
      <LanguagePicker />
      {mode === 'projector' && <WallTextSize />}
      {mode === 'projector' && isChair && <ProjectorInvitations conferenceId={conferenceId} />}
    </>
  );
  if (mode === 'laptop') return <div className="screen-settings">{controls}</div>;
  return (
    <details className="screen-settings folded">
      <summary>
        {mode === 'projector' ? <span aria-hidden="true">⚙</span> : <GlobeIcon />}
        <span className={mode === 'projector' ? 'visually-hidden' : undefined}> {t('conference.settings')}</span>
      </summary>
      <div className="settings-body">{controls}</div>
    </details>
  );
}

/** The wall's text size: larger for a big room, smaller to fit more items. */
function WallTextSize(): React.JSX.Element {
  const { t } = useT();
  const size = useUi((u) => u.wallSize);
  const setSize = useUi((u) => u.setWallSize);
  return (
    <div className="buttons" role="group" aria-label={t('screen.textSize')}>
      <button type="button" onClick={() => setSize(size - 1)} disabled={size <= -2}>
        {t('screen.smaller')}
      </button>
      <button type="button" onClick={() => setSize(size + 1)} disabled={size >= 3}>
        {t('screen.larger')}
      </button>
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
      view = <Board />;
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

/** On the wall, the invitation QR codes on demand, so people can join from their seats. */
function ProjectorInvitations({ conferenceId }: { conferenceId: string }): React.JSX.Element | null {
  const { t } = useT();
  const [shown, setShown] = useState(false);
  const invitations = loadInvitations(conferenceId);
  if (!invitations.professional && !invitations.family) return null;
  return (
    <section className="projector-qr" aria-label={t('projector.invitations')}>
      <button type="button" aria-expanded={shown} onClick={() => setShown(!shown)}>
        {t(shown ? 'projector.hideQr' : 'projector.showQr')}
      </button>
      {shown && (
        <div className="qr-row">
          {invitations.professional && (
            <figure>
              <QrCode text={invitations.professional} label={t('projector.qrProfessional')} />
              <figcaption>{t('projector.forProfessionals')}</figcaption>
            </figure>
          )}
          {invitations.family && (
            <figure>
              <QrCode text={invitations.family} label={t('projector.qrFamily')} />
              <figcaption>{t('projector.forFamily')}</figcaption>
            </figure>
          )}
        </div>
      )}
    </section>
  );
}
