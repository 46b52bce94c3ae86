import { useEffect, useId, useRef, useState } from 'react';
import { api, ApiError, type AuditEntry, type WaitingPerson } from '../api';
import { absoluteLink, forgetConference, loadInvitations, saveInvitations, type Invitations } from '../session';
import { useT } from '../i18n/store';
import { LANGUAGES, isLanguageCode, type LanguageCode } from '../i18n/languages';
import { errorWords, roleOf } from '../i18n/words';
import type { MessageKey } from '../i18n/types';
import { QrCode } from './QrCode';
import { useTransient } from './useTransient';

const LOBBY_POLL_MS = 2000;

interface Props {
  conferenceId: string;
  token: string;
  locked: boolean;
}

/** The chair's controls: invitations, the lobby, ending the meeting, deleting the data, the audit trail. */
export function ChairPanel({ conferenceId, token, locked }: Props): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const [open, setOpen] = useState(true);
  // What just happened ("Amira has been let in"): it passes after a few seconds, or when the next comes.
  const [message, notify] = useTransient<string>();
  const panelId = useId();
  return (
    <section className="chair-panel" aria-labelledby={`${panelId}-h`}>
      <div className="panel-head">
        <h2 id={`${panelId}-h`}>{t('chair.controls')}</h2>
        <button type="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
          {t(open ? 'chair.hide' : 'chair.show')}
        </button>
      </div>
      <p className="panel-status" role="status" aria-live="polite" data-testid="chair-status">
        {message}
      </p>
      <div id={panelId} hidden={!open}>
        <p>
          <button type="button" onClick={() => window.open(`${window.location.pathname}?view=projector&lang=${i18n.lang}`, '_blank')}>
            {t('chair.openProjector')}
          </button>
        </p>
        {!locked && <InvitationsAndLobby conferenceId={conferenceId} token={token} notify={notify} />}
        <EndAndDelete conferenceId={conferenceId} token={token} locked={locked} notify={notify} />
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
  notify: (m: string, fades?: boolean) => void;
}): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const [invitations, setInvitations] = useState<Invitations>(() => loadInvitations(conferenceId));
  const [waiting, setWaiting] = useState<WaitingPerson[]>([]);
  const [admitted, setAdmitted] = useState<WaitingPerson[]>([]);
  const [autoAdmit, setAutoAdmit] = useState(false);
  const [lobbyError, setLobbyError] = useState<unknown>(null);
  // The lead social worker's link is shown once, when made (it is not kept with the other two).
  const [leadLink, setLeadLink] = useState<string | null>(null);

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
        .catch((err: unknown) => !stopped && setLobbyError(err ?? new Error()));
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
      notify(t(decision === 'admit' ? 'chair.admitted' : 'chair.declined', { name: person.name }));
    } catch (err) {
      notify(errorWords(i18n, err, 'api.decide'), false);
    }
  };

  const declineAll = async (): Promise<void> => {
    try {
      const { declined } = await api.declineAllWaiting(conferenceId, token);
      setWaiting([]);
      notify(t('chair.declinedAll', { count: declined }));
    } catch (err) {
      notify(errorWords(i18n, err, 'api.declineAll'), false);
    }
  };

  const remove = async (person: WaitingPerson): Promise<void> => {
    try {
      await api.removeParticipant(conferenceId, token, person.participantId);
      setAdmitted((list) => list.filter((p) => p.participantId !== person.participantId));
      notify(t('chair.removed', { name: person.name }));
    } catch (err) {
      notify(errorWords(i18n, err, 'api.remove'), false);
    }
  };

  const takeOff = async (person: WaitingPerson): Promise<void> => {
    try {
      await api.removeContributions(conferenceId, token, person.participantId);
      notify(t('chair.tookOff', { name: person.name }));
    } catch (err) {
      notify(errorWords(i18n, err, 'api.takeOff'), false);
    }
  };

  const change = async (role: 'professional' | 'family' | 'lead', action: 'revoke' | 'reissue'): Promise<void> => {
    try {
      let link: string | null = null;
      if (action === 'reissue') link = absoluteLink((await api.reissueInvitation(conferenceId, token, role)).link);
      else await api.revokeInvitation(conferenceId, token, role);
      if (role === 'lead') setLeadLink(link);
      else {
        const next = { ...invitations, [role]: link };
        setInvitations(next);
        saveInvitations(conferenceId, next);
      }
      const said: Record<typeof role, Record<typeof action, MessageKey>> = {
        professional: { reissue: 'invite.newProfessional', revoke: 'invite.offProfessional' },
        family: { reissue: 'invite.newFamily', revoke: 'invite.offFamily' },
        lead: { reissue: 'invite.newLead', revoke: 'invite.offLead' },
      };
      notify(t(said[role][action] as 'invite.newFamily'));
    } catch (err) {
      notify(errorWords(i18n, err, action === 'reissue' ? 'api.reissue' : 'api.revoke'), false);
    }
  };

  const toggleAutoAdmit = async (value: boolean): Promise<void> => {
    try {
      await api.setAutoAdmit(conferenceId, token, value);
      setAutoAdmit(value);
    } catch (err) {
      notify(errorWords(i18n, err, 'api.setting'), false);
    }
  };

  return (
    <div className="chair-grid">
      <section aria-labelledby="lobby-h" className="lobby-panel">
        <h3 id="lobby-h">{t('chair.waiting', { count: waiting.length })}</h3>
        {lobbyError !== null && <p className="error">{errorWords(i18n, lobbyError, 'api.lobby')}</p>}
        {waiting.length === 0 ? (
          <p className="muted">{t('chair.nobodyWaiting')}</p>
        ) : (
          <ul className="waiting" data-testid="lobby">
            {waiting.map((p) => (
              <li key={p.participantId}>
                <span>
                  <strong>
                    <bdi>{p.name}</bdi>
                  </strong>
                  {t('common.listSeparator')}
                  <bdi>{roleOf(i18n, p.roleLabel)}</bdi>{' '}
                  <span className="muted">{t(p.role === 'family' ? 'chair.asFamily' : 'chair.asProfessional')}</span>
                </span>
                <span className="buttons">
                  <button
                    type="button"
                    className="primary"
                    onClick={() => void decide(p, 'admit')}
                    aria-label={t('chair.letPersonIn', { name: p.name })}
                  >
                    {t('chair.letIn')}
                  </button>
                  <button type="button" onClick={() => void decide(p, 'decline')} aria-label={t('chair.declinePerson', { name: p.name })}>
                    {t('chair.decline')}
                  </button>
                </span>
              </li>
            ))}
          </ul>
        )}
        {waiting.length > 1 && (
          <Confirmed
            ask={t('chair.declineAll', { count: waiting.length })}
            confirm={t('chair.declineAllConfirm', { count: waiting.length })}
            question={t('chair.declineAllQuestion')}
            onConfirm={declineAll}
          />
        )}
        <label className="choice">
          <input type="checkbox" checked={autoAdmit} onChange={(e) => void toggleAutoAdmit(e.target.checked)} />
          {t('chair.autoAdmit')}
        </label>
      </section>
      <section aria-labelledby="admitted-h" className="lobby-panel">
        <h3 id="admitted-h">{t('chair.letInList', { count: admitted.length })}</h3>
        {admitted.length === 0 ? (
          <p className="muted">{t('chair.nobodyLetIn')}</p>
        ) : (
          <ul className="waiting" data-testid="admitted">
            {admitted.map((p) => (
              <li key={p.participantId}>
                <span>
                  <strong>
                    <bdi>{p.name}</bdi>
                  </strong>
                  {t('common.listSeparator')}
                  <bdi>{roleOf(i18n, p.roleLabel)}</bdi>
                </span>
                <Confirmed
                  ask={t('chair.takeOff')}
                  askLabel={t('chair.takeOffPerson', { name: p.name })}
                  confirm={t('chair.takeOffConfirm')}
                  question={t('chair.takeOffQuestion', { name: p.name })}
                  onConfirm={() => takeOff(p)}
                />
                <Confirmed
                  ask={t('chair.remove')}
                  askLabel={t('chair.removePerson', { name: p.name })}
                  confirm={t('chair.removeConfirm', { name: p.name })}
                  question={t('chair.removeQuestion', { name: p.name })}
                  onConfirm={() => remove(p)}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
      <Invitation invites="professional" label={t('invite.forProfessionals')} link={invitations.professional} onChange={change} />
      <Invitation invites="family" label={t('invite.forFamily')} link={invitations.family} onChange={change} />
      <Invitation invites="lead" label={t('invite.forLead')} help={t('invite.leadHelp')} link={leadLink} onChange={change} />
    </div>
  );
}

/** The link as given, asking for a language (`?lang=ur`) when one is chosen for it. */
function inLanguage(link: string, lang: LanguageCode | ''): string {
  if (!lang) return link;
  const url = new URL(link);
  url.searchParams.set('lang', lang);
  return url.toString();
}

/** A button that asks once more before it acts. */
function Confirmed(props: {
  ask: string;
  askLabel?: string;
  confirm: string;
  question: string;
  onConfirm: () => Promise<void>;
}): React.JSX.Element {
  const { t } = useT();
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
          {t('common.cancel')}
        </button>
      </span>
    </span>
  );
}

function Invitation(props: {
  /** Whom the link invites (not an ARIA role). */
  invites: 'professional' | 'family' | 'lead';
  label: string;
  help?: string;
  link: string | null;
  onChange: (role: 'professional' | 'family' | 'lead', action: 'revoke' | 'reissue') => Promise<void>;
}): React.JSX.Element {
  const { invites: role, label, link: plainLink, onChange } = props;
  const { t } = useT();
  const [showQr, setShowQr] = useState(false);
  const [copied, setCopied] = useTransient<MessageKey>();
  const [lang, setLang] = useState<LanguageCode | ''>('');
  const ids = { input: useId(), lang: useId() };
  const link = plainLink ? inLanguage(plainLink, lang) : null;
  const copy = async (): Promise<void> => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setCopied('invite.copied');
    } catch {
      setCopied('invite.copyByHand', false);
    }
  };
  return (
    <section className="invitation" aria-label={label}>
      <h3>{label}</h3>
      {props.help && <p className="muted">{props.help}</p>}
      {link ? (
        <>
          <label htmlFor={ids.input} className="visually-hidden">
            {label}
          </label>
          <input id={ids.input} readOnly value={link} onFocus={(e) => e.currentTarget.select()} data-testid={`invite-${role}`} />
          <div className="invitation-language">
            <label htmlFor={ids.lang}>{t('invite.language')}</label>
            <select id={ids.lang} value={lang} onChange={(e) => setLang(isLanguageCode(e.target.value) ? e.target.value : '')}>
              <option value="">—</option>
              {LANGUAGES.map((l) => (
                <option key={l.code} value={l.code} lang={l.tag}>
                  {l.name}
                </option>
              ))}
            </select>
          </div>
          <div className="buttons">
            <button type="button" onClick={() => void copy()}>
              {t('invite.copy')}
            </button>
            <button type="button" aria-expanded={showQr} onClick={() => setShowQr(!showQr)}>
              {t(showQr ? 'invite.hideQr' : 'invite.showQr')}
            </button>
            <button type="button" onClick={() => void onChange(role, 'revoke')}>
              {t('invite.turnOff')}
            </button>
          </div>
          <span role="status" className="muted">
            {copied ? t(copied as 'invite.copied') : ''}
          </span>
          {showQr && <QrCode text={link} label={t('invite.qr', { label })} />}
        </>
      ) : (
        <p className="muted">{t('invite.notShown')}</p>
      )}
      <button type="button" onClick={() => void onChange(role, 'reissue')}>
        {t('invite.make')}
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
  notify: (m: string, fades?: boolean) => void;
}): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
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
            setUnrevealed(Number(err.details.params?.count ?? 0));
            return;
          }
          throw err;
        }
        setUnrevealed(null);
        notify(t('meeting.ended'));
      } else if (confirming === 'delete') {
        await api.purge(conferenceId, token);
        forgetConference(conferenceId);
        notify(t('meeting.deleted'), false);
      }
      setConfirming(null);
    } catch (err) {
      notify(errorWords(i18n, err, confirming === 'delete' ? 'api.purge' : 'api.lock'), false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="end-meeting" aria-label={t('meeting.section')}>
      {!locked && confirming !== 'end' && (
        <button type="button" className="primary" onClick={() => setConfirming('end')}>
          {t('meeting.end')}
        </button>
      )}
      {locked && confirming !== 'delete' && (
        <button type="button" className="danger" onClick={() => setConfirming('delete')}>
          {t('meeting.delete')}
        </button>
      )}
      {confirming && (
        <div className="confirm" role="group" aria-label={t('meeting.confirm')}>
          <p>{t(confirming === 'end' ? 'meeting.endQuestion' : 'meeting.deleteQuestion')}</p>
          {unrevealed !== null && confirming === 'end' ? (
            <>
              <p role="alert" data-testid="unrevealed-scores">
                {t('meeting.unrevealed', { count: unrevealed })}
              </p>
              <button type="button" className="primary" disabled={busy} onClick={() => void act('reveal')}>
                {t('meeting.showThenEnd')}
              </button>
              <button type="button" disabled={busy} onClick={() => void act('leave-out')}>
                {t('meeting.leaveOutAndEnd')}
              </button>
            </>
          ) : (
            <button type="button" className={confirming === 'end' ? 'primary' : 'danger'} disabled={busy} onClick={() => void act()}>
              {t(confirming === 'end' ? 'meeting.yesEnd' : 'meeting.yesDelete')}
            </button>
          )}
          <button
            type="button"
            onClick={() => {
              setConfirming(null);
              setUnrevealed(null);
            }}
          >
            {t('common.cancel')}
          </button>
        </div>
      )}
    </section>
  );
}

const AUDIT_EVENTS = new Set([
  'created',
  'asked-to-join',
  'admitted',
  'declined',
  'joined',
  'left',
  'invitation-revoked',
  'invitation-reissued',
  'locked',
  'sealed',
  'scores-revealed',
  'scores-left-out',
  'purged',
  'removed',
  'opened',
  'review-started',
  'amendment-asked',
  'amendment-accepted',
  'amendment-declined',
  'version-published',
  'contributions-removed',
]);

function AuditTrail({ conferenceId, token }: { conferenceId: string; token: string }): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState(false);
  const load = async (): Promise<void> => {
    try {
      setEntries((await api.audit(conferenceId, token)).entries);
      setError(null);
    } catch (err) {
      setError(err ?? new Error());
    }
  };
  const who = (e: AuditEntry): string =>
    e.name
      ? e.roleLabel
        ? t('common.nameWithRole', { name: e.name, role: roleOf(i18n, e.roleLabel) })
        : e.name
      : e.role
        ? t(e.role === 'chair' ? 'audit.theChair' : e.role === 'family' ? 'audit.theFamily' : 'audit.aProfessional')
        : t('audit.server');
  return (
    <section className="audit" aria-label={t('audit.section')}>
      <button
        type="button"
        aria-expanded={open}
        onClick={() => {
          if (!open) void load();
          setOpen(!open);
        }}
      >
        {t(open ? 'audit.hide' : 'audit.show')}
      </button>
      {open && (
        <>
          <p className="muted">{t('audit.help')}</p>
          {error !== null && <p className="error">{errorWords(i18n, error, 'api.audit')}</p>}
          {entries && (
            <ol className="audit-list" data-testid="audit">
              {entries.map((e, i) => (
                <li key={i}>
                  <time dateTime={new Date(e.at).toISOString()}>{i18n.time(e.at)}</time>{' '}
                  {t('audit.entry', {
                    who: who(e),
                    event: AUDIT_EVENTS.has(e.event) ? (i18n.dynamic(`audit.${e.event}`) ?? t('audit.other')) : t('audit.other'),
                  })}
                </li>
              ))}
            </ol>
          )}
          <button type="button" onClick={() => void load()}>
            {t('audit.refresh')}
          </button>
        </>
      )}
    </section>
  );
}
