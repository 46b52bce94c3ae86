/**
 * What this browser tab remembers about a conference: its token, and for the chair the invitation
 * links. Kept in sessionStorage, which the browser forgets when the tab closes: no conference
 * content, and nothing that outlives the meeting, is written to the device.
 */
export interface Invitations {
  professional: string | null;
  family: string | null;
}

const key = (conferenceId: string, what: string): string => `conference-board:${conferenceId}:${what}`;

function read(conferenceId: string, what: string): string | null {
  try {
    return sessionStorage.getItem(key(conferenceId, what));
  } catch {
    return null;
  }
}

function write(conferenceId: string, what: string, value: string | null): void {
  try {
    if (value === null) sessionStorage.removeItem(key(conferenceId, what));
    else sessionStorage.setItem(key(conferenceId, what), value);
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
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return read(conferenceId, 'token');
}

export function saveToken(conferenceId: string, token: string): void {
  write(conferenceId, 'token', token);
}

export function forgetConference(conferenceId: string): void {
  write(conferenceId, 'token', null);
  write(conferenceId, 'invitations', null);
}

export function saveInvitations(conferenceId: string, invitations: Invitations): void {
  write(conferenceId, 'invitations', JSON.stringify(invitations));
}

export function loadInvitations(conferenceId: string): Invitations {
  const raw = read(conferenceId, 'invitations');
  try {
    const value = raw ? (JSON.parse(raw) as Partial<Invitations>) : {};
    return {
      professional: typeof value.professional === 'string' ? value.professional : null,
      family: typeof value.family === 'string' ? value.family : null,
    };
  } catch {
    return { professional: null, family: null };
  }
}

export const absoluteLink = (path: string): string => new URL(path, window.location.origin).toString();
