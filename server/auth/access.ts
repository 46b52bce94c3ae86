import { isConferenceId } from '../../shared/model/index.js';
import type { ConferenceRecord, ConferenceStore, StoredCredential } from '../store/store.js';
import { hashToken, isLiveMatch, plausibleToken } from './tokens.js';

export { parseRoomName, roomsOf } from '../../shared/model/index.js';

export type AccessResult =
  { ok: true; conference: ConferenceRecord; credential: StoredCredential } | { ok: false; status: 401 | 403 | 404 | 410; error: string };

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
  if (!conference) return { ok: false, status: 404, error: 'There is no conference here. Check the link you were given.' };
  const found = plausibleToken(token) ? await store.credentialByHash(conferenceId, hashToken(token)) : null;
  const credential = isLiveMatch(token, found) ? found : null;
  if (!credential) return { ok: false, status: 401, error: 'This link is not valid for this conference.' };
  // Invitations serve one meeting: once it has ended, nobody new can ask to join.
  if (credential.kind === 'invitation' && conference.lockedAt !== null) {
    return { ok: false, status: 410, error: 'This meeting has ended, so this link no longer lets anyone join.' };
  }
  if (!allowed.includes(credential.kind)) {
    const error =
      credential.kind === 'lobby'
        ? 'The chair has not let you in yet.'
        : credential.kind === 'declined'
          ? 'The chair did not let you in to this conference.'
          : 'This link does not allow that.';
    return { ok: false, status: 403, error };
  }
  return { ok: true, conference, credential };
}
