import type { AccessRole } from '../../shared/model/index.js';

export interface CreatedConference {
  id: string;
  chairToken: string;
  professionalToken: string;
  familyToken: string;
  links: { chair: string; professional: string; family: string };
}

/** A failure explained for the person in front of the screen. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

async function errorFrom(res: Response, fallback: string): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: unknown };
    if (typeof body.error === 'string') return new ApiError(res.status, body.error);
  } catch {
    // not JSON
  }
  return new ApiError(res.status, fallback);
}

async function request(input: string, init: RequestInit, fallback: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(input, init);
  } catch {
    throw new ApiError(0, 'Cannot reach the conference server. Check the network connection and try again.');
  }
  if (!res.ok) throw await errorFrom(res, fallback);
  return res;
}

export async function createConference(): Promise<CreatedConference> {
  const res = await request('/api/conferences', { method: 'POST' }, 'The conference could not be created. Please try again.');
  return (await res.json()) as CreatedConference;
}

export async function checkAccess(conferenceId: string, token: string): Promise<AccessRole> {
  const res = await request(
    `/api/conferences/${encodeURIComponent(conferenceId)}/access`,
    { headers: { Authorization: `Bearer ${token}` } },
    'This link could not be checked. Please try again.',
  );
  const body = (await res.json()) as { role: AccessRole };
  return body.role;
}
