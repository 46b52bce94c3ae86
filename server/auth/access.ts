import { isConferenceId } from '../../shared/model/index.js';
import { apiError, type ApiErrorBody } from '../../shared/api/errors.js';
import type { ConferenceRecord, ConferenceStore, StoredCredential } from '../store/store.js';
import { hashToken, isLiveMatch, plausibleToken } from './tokens.js';

export { parseRoomName, roomsOf } from '../../shared/model/index.js';

/** A refusal carries the body to send (`body`: a code the client words, with `error` in English). */
export type AccessResult =
  | { ok: true; conference: ConferenceRecord; credential: StoredCredential }
  | { ok: false; status: 401 | 403 | 404 | 410; error: string; body: ApiErrorBody };

const refused = (status: 401 | 403 | 404 | 410, body: ApiErrorBody): AccessResult => ({ ok: false, status, error: body.error, body });

/**
 * Resolves a token for a conference. `allowed` lists the credential kinds the caller accepts; a
 * valid token of another kind is a 403 (for example a person still in the lobby).
 */
export async function checkToken(
  store: ConferenceStore,
  conferenceId: string,
  token: string,
  allowed: ReadonlyArray<StoredCredential['kind']>,
): Promise<AccessResult> {
  const conference = isConferenceId(conferenceId) ? await store.getConference(conferenceId) : null;
  if (!conference) return refused(404, apiError('no-conference'));
  const found = plausibleToken(token) ? await store.credentialByHash(conferenceId, hashToken(token)) : null;
  const credential = isLiveMatch(token, found) ? found : null;
  if (!credential) return refused(401, apiError('bad-link'));
  // Invitations serve one meeting: once it has ended, nobody new can ask to join.
  if (credential.kind === 'invitation' && conference.lockedAt !== null) return refused(410, apiError('invitation-ended'));
  if (!allowed.includes(credential.kind)) {
    const code = credential.kind === 'lobby' ? 'not-let-in-yet' : credential.kind === 'declined' ? 'declined' : 'link-does-not-allow';
    return refused(403, apiError(code));
  }
  return { ok: true, conference, credential };
}
