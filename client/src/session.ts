import { randomId, type AccessRole } from '../../shared/model/index.js';

/**
 * What this browser tab remembers about a conference: its token and who the person said they are.
 * Kept in sessionStorage, which the browser forgets when the tab closes: no conference content and
 * nothing that outlives the meeting is written to the device.
 */
export interface Me {
  participantId: string;
  name: string;
  roleLabel: string;
}

export interface Invitations {
  professional: string;
  family: string;
}

const key = (conferenceId: string, what: string): string => `conference-board:${conferenceId}:${what}`;

function read(conferenceId: string, what: string): string | null {
  try {
    return sessionStorage.getItem(key(conferenceId, what));
  } catch {
    return null;
  }
}

function write(conferenceId: string, what: string, value: string): void {
  try {
    sessionStorage.setItem(key(conferenceId, what), value);
  } catch {
    // Private mode or storage disabled: the tab still works until it is reloaded.
  }
}

/**
 * Takes the token out of the address bar (`#token=...`) into the tab's session, so it is not shown
 * on a projected screen or kept in the history, and returns the token to use.
 */
export function takeTokenFromLocation(conferenceId: string): string | null {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const fromHash = params.get('token');
  if (fromHash) {
    write(conferenceId, 'token', fromHash);
    window.history.replaceState(null, '', window.location.pathname);
    return fromHash;
  }
  return read(conferenceId, 'token');
}

export function saveToken(conferenceId: string, token: string): void {
  write(conferenceId, 'token', token);
}

export function loadMe(conferenceId: string): Me | null {
  const raw = read(conferenceId, 'me');
  if (!raw) return null;
  try {
    const me = JSON.parse(raw) as Partial<Me>;
    if (typeof me.participantId === 'string' && typeof me.name === 'string' && typeof me.roleLabel === 'string') {
      return { participantId: me.participantId, name: me.name, roleLabel: me.roleLabel };
    }
  } catch {
    // fall through
  }
  return null;
}

export function saveMe(conferenceId: string, me: Omit<Me, 'participantId'> & { participantId?: string }): Me {
  const full: Me = { participantId: me.participantId ?? randomId(12), name: me.name, roleLabel: me.roleLabel };
  write(conferenceId, 'me', JSON.stringify(full));
  return full;
}

export function saveInvitations(conferenceId: string, invitations: Invitations): void {
  write(conferenceId, 'invitations', JSON.stringify(invitations));
}

export function loadInvitations(conferenceId: string): Invitations | null {
  const raw = read(conferenceId, 'invitations');
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Invitations>;
    return typeof value.professional === 'string' && typeof value.family === 'string'
      ? { professional: value.professional, family: value.family }
      : null;
  } catch {
    return null;
  }
}

export type { AccessRole };
