import { createContext, useContext } from 'react';
import type { Author, ChairState, ConferenceDetails } from '../../../shared/model/index.js';
import type { ConferenceConnection } from './connection';
import type { ScreenMode } from '../ui';

/** What every part of the conference screen needs: the live connection, who I am, and the chair's state. */
export interface ConferenceContextValue {
  connection: ConferenceConnection;
  author: Author;
  token: string;
  chair: ChairState;
  details: ConferenceDetails | null;
  /** After the meeting ended (or the connection was closed for good): nothing can be changed. */
  readOnly: boolean;
  /** How the screen is laid out. The projector view shows, and does not edit. */
  mode: ScreenMode;
  /** This person is the lead social worker (who drafts before the meeting). */
  lead: boolean;
}

export const ConferenceContext = createContext<ConferenceContextValue | null>(null);

export function useConference(): ConferenceContextValue {
  const value = useContext(ConferenceContext);
  if (!value) throw new Error('useConference outside a conference');
  return value;
}
