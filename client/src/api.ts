import type { AccessRole, ConferenceDetails } from '../../shared/model/index.js';
import type {
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
} from '../../shared/api/schemas.js';

// The API's types are declared once, with the server's route schemas (shared/api/schemas.ts).
export type { AuditEntry, CreatedConference, CredentialKind, Me };
/** Someone waiting in the lobby, or let in. */
export type WaitingPerson = Person;

/** A failure explained for the person in front of the screen. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
    /** The server's code for why, when it gives one (for example `unrevealed-scores`). */
    readonly code?: string,
    readonly count?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function errorFrom(res: Response, fallback: string): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: unknown; field?: unknown; code?: unknown; count?: unknown };
    if (typeof body.error === 'string')
      return new ApiError(
        res.status,
        body.error,
        typeof body.field === 'string' ? body.field : undefined,
        typeof body.code === 'string' ? body.code : undefined,
        typeof body.count === 'number' ? body.count : undefined,
      );
  } catch {
    // not JSON
  }
  if (res.status === 429) return new ApiError(429, 'Too many attempts from this network. Please wait a minute and try again.');
  return new ApiError(res.status, fallback);
}

async function call<T>(method: string, path: string, options: { token?: string; body?: unknown; fallback: string }): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  } catch {
    throw new ApiError(0, 'Cannot reach the conference server. Check the network connection and try again.');
  }
  if (!res.ok) throw await errorFrom(res, options.fallback);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

const base = (id: string): string => `/api/conferences/${encodeURIComponent(id)}`;

export const api = {
  create: (details: ConferenceDetails & { autoAdmit: boolean }) =>
    call<CreatedConference>('POST', '/api/conferences', {
      body: details,
      fallback: 'The conference could not be created. Please try again.',
    }),
  me: (id: string, token: string) =>
    call<Me>('GET', `${base(id)}/me`, { token, fallback: 'This link could not be checked. Please try again.' }),
  askToJoin: (id: string, invitationToken: string, name: string, roleLabel: string) =>
    call<Joined>('POST', `${base(id)}/lobby`, {
      token: invitationToken,
      body: { name, roleLabel },
      fallback: 'Your request to join could not be sent. Please try again.',
    }),
  lobby: (id: string, chairToken: string) =>
    call<Lobby>('GET', `${base(id)}/lobby`, {
      token: chairToken,
      fallback: 'The waiting list could not be loaded.',
    }),
  decide: (id: string, chairToken: string, participantId: string, decision: 'admit' | 'decline') =>
    call<void>('POST', `${base(id)}/lobby/${encodeURIComponent(participantId)}/${decision}`, {
      token: chairToken,
      fallback: 'That did not work. Please try again.',
    }),
  declineAllWaiting: (id: string, chairToken: string) =>
    call<{ declined: number }>('POST', `${base(id)}/lobby/decline-all`, {
      token: chairToken,
      fallback: 'That did not work. Please try again.',
    }),
  removeParticipant: (id: string, chairToken: string, participantId: string) =>
    call<void>('POST', `${base(id)}/participants/${encodeURIComponent(participantId)}/remove`, {
      token: chairToken,
      fallback: 'That did not work. Please try again.',
    }),
  setAutoAdmit: (id: string, chairToken: string, autoAdmit: boolean) =>
    call<void>('PUT', `${base(id)}/settings`, { token: chairToken, body: { autoAdmit }, fallback: 'The setting could not be changed.' }),
  revokeInvitation: (id: string, chairToken: string, role: 'professional' | 'family') =>
    call<void>('POST', `${base(id)}/invitations/${role}/revoke`, { token: chairToken, fallback: 'The link could not be turned off.' }),
  reissueInvitation: (id: string, chairToken: string, role: 'professional' | 'family') =>
    call<Reissued>('POST', `${base(id)}/invitations/${role}/reissue`, {
      token: chairToken,
      fallback: 'A new link could not be made.',
    }),
  /** Ends the meeting; with hidden scores not yet shown, the chair says whether to show them or leave them out. */
  lock: (id: string, chairToken: string, unrevealedScores?: 'reveal' | 'leave-out') =>
    call<{ lockedAt: number }>('POST', `${base(id)}/lock`, {
      token: chairToken,
      body: unrevealedScores ? { unrevealedScores } : {},
      fallback: 'The meeting could not be ended. Please try again.',
    }),
  purge: (id: string, chairToken: string) =>
    call<void>('DELETE', base(id), { token: chairToken, fallback: 'The conference could not be deleted. Please try again.' }),
  giveScore: (
    id: string,
    token: string,
    score: { pairId: string; value: number; nextStep: string; for?: { name: string; roleLabel: string; role: AccessRole } },
  ) =>
    call<void>('POST', `${base(id)}/scores`, { token, body: score, fallback: 'Your score could not be sent. Please try again.' }),
  hiddenScores: (id: string, token: string) =>
    call<HiddenScores>('GET', `${base(id)}/scores/hidden`, { token, fallback: 'The scores could not be loaded.' }),
  revealScores: (id: string, chairToken: string, pairId: string) =>
    call<{ revealed: number }>('POST', `${base(id)}/scores/${encodeURIComponent(pairId)}/reveal`, {
      token: chairToken,
      fallback: 'The scores could not be shown.',
    }),
  audit: (id: string, chairToken: string) =>
    call<{ entries: AuditEntry[] }>('GET', `${base(id)}/audit`, { token: chairToken, fallback: 'The audit trail could not be loaded.' }),
};
