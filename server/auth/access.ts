import { isConferenceId } from '../../shared/model/index.js';
import type { ConferenceRecord, ConferenceStore, StoredCredential } from '../store/store.js';
import { findCredential } from './tokens.js';

export { parseRoomName, roomsOf } from '../../shared/model/index.js';

export type AccessResult =
  { ok: true; conference: ConferenceRecord; credential: StoredCredential } | { ok: false; status: 401 | 403 | 404; error: string };

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
  const credential = findCredential(token, await store.credentialsFor(conferenceId));
  if (!credential) return { ok: false, status: 401, error: 'This link is not valid for this conference.' };
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
