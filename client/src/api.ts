import {
  isValidationCode,
  type AccessRole,
  type ConferenceDetails,
  type MessageParams,
  type ValidationCode,
} from '../../shared/model/index.js';
import { isApiErrorCode, type ApiErrorCode } from '../../shared/api/errors.js';
import type {
  Amendment,
  Amendments,
  AuditEntry,
  CreatedConference,
  CredentialKind,
  HiddenScores,
  Joined,
  Lobby,
  Me,
  Person,
  Reissued,
  ScoreRequest,
  Version,
  VersionState,
} from '../../shared/api/schemas.js';

// The API's types are declared once, with the server's route schemas (shared/api/schemas.ts).
export type { Amendment, Amendments, AuditEntry, CreatedConference, CredentialKind, Me, Version, VersionState };
/** Someone waiting in the lobby, or let in. */
export type WaitingPerson = Person;

/** Which message says what failed, when the server gives no reason of its own. */
export type ApiFallback =
  | 'api.create'
  | 'api.me'
  | 'api.join'
  | 'api.lobby'
  | 'api.decide'
  | 'api.declineAll'
  | 'api.remove'
  | 'api.takeOff'
  | 'api.setting'
  | 'api.revoke'
  | 'api.reissue'
  | 'api.lock'
  | 'api.purge'
  | 'api.score'
  | 'api.hiddenScores'
  | 'api.reveal'
  | 'api.audit'
  | 'api.amendments'
  | 'api.askForChange'
  | 'api.answer'
  | 'api.publish'
  | 'api.versions'
  | 'api.download'
  | 'api.open'
  | 'api.review'
  | 'api.date';

/**
 * A request the server refused or that could not be made. The screen words it from `code` (the
 * server's reason, with `params`), `reason` (for a refused input, the model's code) or `fallback`;
 * `message` is the English, for logs.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fallback: ApiFallback | 'api.offline' | 'api.tooMany',
    readonly details: {
      code?: ApiErrorCode;
      params?: MessageParams;
      field?: string;
      reason?: ValidationCode;
    } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
  get code(): ApiErrorCode | undefined {
    return this.details.code;
  }
  get field(): string | undefined {
    return this.details.field;
  }
}

const isParams = (v: unknown): v is MessageParams =>
  typeof v === 'object' && v !== null && Object.values(v).every((x) => typeof x === 'string' || typeof x === 'number');

async function errorFrom(res: Response, fallback: ApiFallback): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: unknown; field?: unknown; code?: unknown; params?: unknown; reason?: unknown };
    if (typeof body.error === 'string')
      return new ApiError(res.status, body.error, fallback, {
        ...(isApiErrorCode(body.code) ? { code: body.code } : {}),
        ...(isParams(body.params) ? { params: body.params } : {}),
        ...(typeof body.field === 'string' ? { field: body.field } : {}),
        ...(isValidationCode(body.reason) ? { reason: body.reason } : {}),
      });
  } catch {
    // not JSON
  }
  if (res.status === 429) return new ApiError(429, 'Too many attempts from this network.', 'api.tooMany');
  return new ApiError(res.status, `HTTP ${res.status}`, fallback);
}

async function call<T>(method: string, path: string, options: { token?: string; body?: unknown; fallback: ApiFallback }): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  } catch {
    throw new ApiError(0, 'Cannot reach the conference server.', 'api.offline');
  }
  if (!res.ok) throw await errorFrom(res, options.fallback);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Fetches a file the server makes (the JSON record, the plan as CSV), with the name the server gives it. */
async function file(path: string, token: string, fallback: ApiFallback): Promise<{ blob: Blob; name: string }> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { Authorization: `Bearer ${token}` } });
  } catch {
    throw new ApiError(0, 'Cannot reach the conference server.', 'api.offline');
  }
  if (!res.ok) throw await errorFrom(res, fallback);
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? path.split('/').pop() ?? 'download';
  return { blob: await res.blob(), name };
}

const base = (id: string): string => `/api/conferences/${encodeURIComponent(id)}`;

export const api = {
  create: (details: ConferenceDetails & { autoAdmit: boolean; preparation?: boolean }) =>
    call<CreatedConference>('POST', '/api/conferences', {
      body: details,
      fallback: 'api.create',
    }),
  me: (id: string, token: string) => call<Me>('GET', `${base(id)}/me`, { token, fallback: 'api.me' }),
  askToJoin: (id: string, invitationToken: string, name: string, roleLabel: string) =>
    call<Joined>('POST', `${base(id)}/lobby`, {
      token: invitationToken,
      body: { name, roleLabel },
      fallback: 'api.join',
    }),
  lobby: (id: string, chairToken: string) =>
    call<Lobby>('GET', `${base(id)}/lobby`, {
      token: chairToken,
      fallback: 'api.lobby',
    }),
  decide: (id: string, chairToken: string, participantId: string, decision: 'admit' | 'decline') =>
    call<void>('POST', `${base(id)}/lobby/${encodeURIComponent(participantId)}/${decision}`, {
      token: chairToken,
      fallback: 'api.decide',
    }),
  declineAllWaiting: (id: string, chairToken: string) =>
    call<{ declined: number }>('POST', `${base(id)}/lobby/decline-all`, {
      token: chairToken,
      fallback: 'api.declineAll',
    }),
  removeParticipant: (id: string, chairToken: string, participantId: string) =>
    call<void>('POST', `${base(id)}/participants/${encodeURIComponent(participantId)}/remove`, {
      token: chairToken,
      fallback: 'api.remove',
    }),
  /** Takes off what one person added and the chair has not confirmed or agreed. */
  removeContributions: (id: string, chairToken: string, participantId: string) =>
    call<{ removed: number }>('POST', `${base(id)}/participants/${encodeURIComponent(participantId)}/contributions/remove`, {
      token: chairToken,
      fallback: 'api.takeOff',
    }),
  setAutoAdmit: (id: string, chairToken: string, autoAdmit: boolean) =>
    call<void>('PUT', `${base(id)}/settings`, { token: chairToken, body: { autoAdmit }, fallback: 'api.setting' }),
  revokeInvitation: (id: string, chairToken: string, role: 'professional' | 'family' | 'lead') =>
    call<void>('POST', `${base(id)}/invitations/${role}/revoke`, { token: chairToken, fallback: 'api.revoke' }),
  reissueInvitation: (id: string, chairToken: string, role: 'professional' | 'family' | 'lead') =>
    call<Reissued>('POST', `${base(id)}/invitations/${role}/reissue`, {
      token: chairToken,
      fallback: 'api.reissue',
    }),
  /** Ends the meeting; with hidden scores not yet shown, the chair says whether to show them or leave them out. */
  lock: (id: string, chairToken: string, unrevealedScores?: 'reveal' | 'leave-out') =>
    call<{ lockedAt: number }>('POST', `${base(id)}/lock`, {
      token: chairToken,
      body: unrevealedScores ? { unrevealedScores } : {},
      fallback: 'api.lock',
    }),
  purge: (id: string, chairToken: string) => call<void>('DELETE', base(id), { token: chairToken, fallback: 'api.purge' }),
  giveScore: (id: string, token: string, score: ScoreRequest & { for?: { role: AccessRole } }) =>
    call<void>('POST', `${base(id)}/scores`, { token, body: score, fallback: 'api.score' }),
  hiddenScores: (id: string, token: string) =>
    call<HiddenScores>('GET', `${base(id)}/scores/hidden`, { token, fallback: 'api.hiddenScores' }),
  revealScores: (id: string, chairToken: string, pairId: string) =>
    call<{ revealed: number }>('POST', `${base(id)}/scores/${encodeURIComponent(pairId)}/reveal`, {
      token: chairToken,
      fallback: 'api.reveal',
    }),
  audit: (id: string, chairToken: string) =>
    call<{ entries: AuditEntry[] }>('GET', `${base(id)}/audit`, { token: chairToken, fallback: 'api.audit' }),
  // After the meeting: asking for changes, answering them, versions, and the record for the case system.
  amendments: (id: string, token: string) => call<Amendments>('GET', `${base(id)}/amendments`, { token, fallback: 'api.amendments' }),
  askForChange: (id: string, token: string, ask: { part: string; wrong: string; shouldSay: string }) =>
    call<Amendment>('POST', `${base(id)}/amendments`, { token, body: ask, fallback: 'api.askForChange' }),
  answerChange: (id: string, chairToken: string, amendmentId: string, answer: 'accept' | 'decline', text: string) =>
    call<Amendment>('POST', `${base(id)}/amendments/${encodeURIComponent(amendmentId)}/${answer}`, {
      token: chairToken,
      body: { answer: text },
      fallback: 'api.answer',
    }),
  publishVersion: (id: string, chairToken: string, note: string) =>
    call<Version>('POST', `${base(id)}/versions`, { token: chairToken, body: note ? { note } : {}, fallback: 'api.publish' }),
  versions: (id: string, token: string) =>
    call<{ versions: Version[] }>('GET', `${base(id)}/versions`, { token, fallback: 'api.versions' }),
  version: (id: string, token: string, n: number) =>
    call<VersionState>('GET', `${base(id)}/versions/${n}`, { token, fallback: 'api.download' }),
  recordJson: (id: string, token: string) => file(`${base(id)}/record.json`, token, 'api.download'),
  planCsv: (id: string, token: string) => file(`${base(id)}/plan.csv`, token, 'api.download'),
  /** Ends the preparation of a prepared conference: the meeting starts. */
  open: (id: string, chairToken: string) =>
    call<{ openedAt: number }>('POST', `${base(id)}/open`, { token: chairToken, fallback: 'api.open' }),
  /** Starts the review conference of an ended one: answers as creating a conference does. */
  startReview: (id: string, chairToken: string) =>
    call<CreatedConference>('POST', `${base(id)}/reviews`, { token: chairToken, fallback: 'api.review' }),
  /** Changes the date of a conference not yet held (a review is dated by the timescale first). */
  setDate: (id: string, chairToken: string, date: string) =>
    call<void>('PUT', `${base(id)}/date`, { token: chairToken, body: { date }, fallback: 'api.date' }),
};
