import * as Y from 'yjs';
import {
  chairRoomName,
  initChairDoc,
  initConferenceDoc,
  markPreparing,
  randomId,
  writeChainPlace,
  writeConferenceDetails,
  type Author,
  type ChainPlace,
  type ConferenceDetails,
} from '../../shared/model/index.js';
import type { CreatedConference } from '../../shared/api/schemas.js';
import { hashToken, newToken } from '../auth/tokens.js';
import type { ConferenceStore, StoredCredential } from '../store/store.js';

export function link(id: string, token: string): string {
  return `/c/${id}#token=${token}`;
}

/** An invitation: it only lets a person ask to join (`lead`: as the lead social worker). */
export function invitation(role: 'professional' | 'family', token: string, at: number, lead = false): StoredCredential {
  return { hash: hashToken(token), kind: 'invitation', role, participantId: null, name: null, roleLabel: null, createdAt: at, revokedAt: null, lead };
}

export interface NewConferenceOptions {
  details: ConferenceDetails;
  autoAdmit: boolean;
  /** Prepared before the meeting: the chair opens it later. */
  preparing: boolean;
  /** For a review: the conference it follows, its place in the chain, and what it carries forward. */
  review?: { previousId: string; place: ChainPlace; carry: (doc: Y.Doc, chair: Author, now: number) => void };
}

/**
 * Creates a conference: its id, the chair's token and two invitations, and the documents' initial
 * structure, written here on the server once (a client never seeds content: two would duplicate it).
 */
export async function createConference(
  store: ConferenceStore,
  options: NewConferenceOptions,
): Promise<{ body: CreatedConference; chair: StoredCredential }> {
  const { details } = options;
  const id = randomId(16);
  const createdAt = Date.now();
  const tokens = { chair: newToken(), professional: newToken(), family: newToken() };
  const chair: StoredCredential = {
    hash: hashToken(tokens.chair),
    kind: 'chair',
    role: 'chair',
    participantId: randomId(12),
    name: details.chairName,
    roleLabel: 'Chair',
    createdAt,
    revokedAt: null,
    lead: false,
  };
  const doc = new Y.Doc();
  initConferenceDoc(doc, createdAt);
  writeConferenceDetails(doc, details);
  const chairDoc = new Y.Doc();
  initChairDoc(chairDoc, details.kind);
  if (options.preparing) markPreparing(chairDoc, true);
  if (options.review) {
    writeChainPlace(doc, options.review.place);
    const author: Author = { id: chair.participantId as string, name: details.chairName, roleLabel: 'Chair', role: 'chair' };
    options.review.carry(doc, author, createdAt);
  }
  await store.createConference(
    { id, createdAt, lockedAt: null, autoAdmit: options.autoAdmit, activeAt: createdAt, previousId: options.review?.previousId ?? null },
    [chair, invitation('professional', tokens.professional, createdAt), invitation('family', tokens.family, createdAt)],
    [
      { room: id, update: Y.encodeStateAsUpdate(doc) },
      { room: chairRoomName(id), update: Y.encodeStateAsUpdate(chairDoc) },
    ],
  );
  doc.destroy();
  chairDoc.destroy();
  return {
    chair,
    body: {
      id,
      chairToken: tokens.chair,
      professionalToken: tokens.professional,
      familyToken: tokens.family,
      links: { chair: link(id, tokens.chair), professional: link(id, tokens.professional), family: link(id, tokens.family) },
    },
  };
}
