import type { FastifyInstance, FastifyRequest } from 'fastify';
import { apiError } from '../../shared/api/errors.js';
import { parseRoomName } from './access.js';

const WINDOW_MS = 60_000;

/** The conference a token-checking request is about: its `:id`, or its relay room's conference. */
function conferenceOf(request: FastifyRequest): string | null {
  const route = request.routeOptions.url ?? '';
  const params = (request.params ?? {}) as Record<string, string | undefined>;
  if (route.startsWith('/api/conferences/:id')) return params.id ?? null;
  // A room name that is no conference's still counts, against no conference in particular.
  if (route.startsWith('/ws/')) return parseRoomName(params['*'] ?? '')?.conferenceId ?? '*';
  return null;
}

/**
 * Lockouts that count only FAILED token checks (a wrong, revoked or unknown token, an unknown
 * conference: 401 and 404), per conference and client address, per minute. Past `limit`, a failed
 * check is answered 429 instead; a valid token is always checked and always let through, so
 * nobody's mistakes or guesses can lock anyone else out. Tokens are 256 random bits: the limit
 * makes guessing loud, not slower than impossible. Counts live in memory, per instance, in
 * one-minute windows.
 */
export function countFailedChecks(app: FastifyInstance, limit: number): void {
  let counts = new Map<string, number>();
  const timer = setInterval(() => {
    counts = new Map();
  }, WINDOW_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));

  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode !== 401 && reply.statusCode !== 404) return payload;
    const conferenceId = conferenceOf(request);
    if (conferenceId === null) return payload;
    const key = `${conferenceId} ${request.ip}`;
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    if (count <= limit) return payload;
    if (count === limit + 1) app.log.warn({ event: 'auth.too_many_failures', conferenceId, limit });
    reply.code(429).header('Retry-After', String(Math.ceil(WINDOW_MS / 1000)));
    return JSON.stringify(apiError('too-many-failures'));
  });
}
