import fs from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import rateLimit from '@fastify/rate-limit';
import type { Config } from './config.js';
import type { ConferenceStore } from './store/store.js';
import { conferencesApi, purgeConference } from './api/conferences.js';
import { scoresApi } from './api/scores.js';
import { recordApi } from './api/record.js';
import { chainApi, chainEndingAt } from './api/chain.js';
import { amendmentsApi } from './api/amendments.js';
import { exportsApi } from './api/exports.js';
import { contributionsApi } from './api/contributions.js';
import { relayPlugin } from './relay/plugin.js';
import swagger from '@fastify/swagger';
import { Health as HealthSchema } from '../shared/api/schemas.js';
import { API_ERRORS, apiError } from '../shared/api/errors.js';
import { Health } from './health.js';
import { plainErrors } from './errors.js';
import { countFailedChecks } from './auth/failures.js';
import { bearerToken, hashToken } from './auth/tokens.js';
import { Rooms } from './relay/rooms.js';
import { lazySchemaController } from './lazySchemas.js';
import type { RoomBus } from './relay/bus.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The API's version in the OpenAPI document: changes when a route or a schema changes incompatibly. */
const API_VERSION = '1.0.0';

/**
 * What the app page may load and run: its own scripts, styles and fonts only, no inline script,
 * no eval (WebAssembly may be compiled: the PDF's text shaper, HarfBuzz, is WebAssembly); images also from data: (QR codes) and blob: URLs; connections (API, websocket) to its
 * own origin; never framed. The browser test in client/e2e/csp.test.ts walks every stage with it.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Trusts the `hops` proxies nearest the server (as proxy-addr counts them). */
const trustHops =
  (hops: number) =>
  (_address: string, hop: number): boolean =>
    hop < hops;

/**
 * The whole server: REST API, websocket relay and the built client, on one port.
 * Request logging is off: URLs carry tokens. Log lines name events, ids and roles, never content.
 */
export async function buildApp(config: Config, store: ConferenceStore, bus: RoomBus | null = null): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 64 * 1024,
    // Each route's schemas are compiled on its first request, not all at start (server/lazySchemas.ts).
    schemaController: lazySchemaController(),
    // Behind the TLS proxy, limits must see the real address, not the proxy's.
    // A number of hops is given as a function: Fastify's types leave numbers out.
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
  });

  plainErrors(app);

  app.addHook('onSend', async (request, reply) => {
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    if (request.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
  });

  await app.register(rateLimit, {
    global: false,
    // Thrown to the error handler (server/errors.ts), which sends the code and its English.
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      message: `Too many requests. Please wait ${context.after} and try again.`,
      code: 'rate-limited',
      params: { count: Math.max(1, Math.ceil(context.ttl / 60_000)) },
    }),
  });
  countFailedChecks(app, config.tokenChecksPerMinute);
  /** A rate-limit key per person (or invitation): the route, the conference and the token's hash. */
  const perToken = (request: FastifyRequest): string =>
    `${request.routeOptions.url} ${(request.params as { id?: string }).id} ${hashToken(bearerToken(request.headers.authorization)).toString('base64')}`;
  const rateLimits = {
    create: { max: config.createPerMinute, timeWindow: '1 minute' },
    lobby: {
      max: config.lobbyPerInvitation,
      timeWindow: '10 minutes',
      keyGenerator: perToken,
      errorResponseBuilder: () => ({ statusCode: 429, message: API_ERRORS['join-limit'], code: 'join-limit' }),
    },
    scores: { max: config.scoresPerMinute, timeWindow: '1 minute', keyGenerator: perToken },
    // Requests for changes to a record: plenty for a family going through it line by line.
    amendments: { max: 60, timeWindow: '1 hour', keyGenerator: perToken },
    // Checking a copy of a sealed record needs no token: limited per address.
    verify: { max: config.createPerMinute * 6, timeWindow: '1 minute' },
  };
  const rooms = new Rooms(store, config, app.log, bus);

  // OpenAPI, generated from the routes' schemas (shared/api/schemas.ts).
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Conference Board API',
        version: API_VERSION,
        description:
          'The REST API of Conference Board. The live board is not here: it is the stock y-websocket protocol at /ws/<conference id> (the board) and /ws/<conference id>/chair (the chair’s document), with the token in a `Sec-WebSocket-Protocol: conference-board, cb-token.<token>` header or a `?token=` query.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A chair’s, a person’s or an invitation’s token' } },
      },
    },
  });
  app.get('/api/docs/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  const health = new Health(store, bus, app.log);
  app.get(
    '/healthz',
    {
      schema: {
        summary: 'Whether this instance can store, and whether its Redis is connected',
        response: { 200: HealthSchema, 503: HealthSchema },
      },
    },
    async (_request, reply) => {
      const report = await health.report();
      return reply
        .code(report.ok ? 200 : 503)
        .header('Cache-Control', 'no-store')
        .send({ ...report, ...rooms.stats() });
    },
  );
  await app.register(conferencesApi, { store, rooms, rateLimits, unendedRetentionDays: config.unendedRetentionDays });
  await app.register(scoresApi, { store, rooms, rateLimit: rateLimits.scores });
  await app.register(recordApi, { store, rooms, rateLimit: rateLimits.verify });
  await app.register(chainApi, { store, rooms });
  await app.register(exportsApi, { store, rooms });
  await app.register(contributionsApi, { store, rooms });
  await app.register(amendmentsApi, { store, rooms, contact: config.amendmentsContact, rateLimit: rateLimits.amendments });
  await app.register(relayPlugin, { config, store, rooms });

  // Retention: locked conferences are purged RETENTION_DAYS after the meeting ended; conferences
  // never ended, once nobody has opened them for UNENDED_RETENTION_DAYS (the chair is warned first).
  const purgeExpired = async (): Promise<void> => {
    // A chain of conferences is kept while the child is on a plan: retention counts from its last
    // conference, and then the whole chain goes.
    for (const last of await store.lockedBefore(Date.now() - config.retentionDays * DAY_MS))
      for (const id of await chainEndingAt(store, last)) await purgeConference(app, store, rooms, id, 'retention');
    for (const id of await store.unendedIdleSince(Date.now() - config.unendedRetentionDays * DAY_MS))
      await purgeConference(app, store, rooms, id, 'unended-expiry');
  };
  app.addHook('onReady', async () => {
    // A restored backup brings back conferences deleted after it was made: delete them again.
    for (const id of await store.deletedAlready()) await purgeConference(app, store, rooms, id, 'deleted-before-restore');
    await purgeExpired();
  });
  const retentionTimer = setInterval(
    () => {
      purgeExpired().catch((err: unknown) =>
        app.log.error({ event: 'retention.failed', err: err instanceof Error ? err.message : String(err) }),
      );
    },
    60 * 60 * 1000,
  );
  retentionTimer.unref();
  app.addHook('onClose', async () => clearInterval(retentionTimer));

  const indexHtml = path.join(config.clientDir, 'index.html');
  if (fs.existsSync(indexHtml)) {
    await app.register(fastifyStatic, { root: config.clientDir, index: ['index.html'], wildcard: false });
    // Client-side routes (/c/<id>) get the app shell.
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/ws/')) {
        return reply.type('text/html').header('Cache-Control', 'no-cache').sendFile('index.html');
      }
      return reply.code(404).send(apiError('not-found'));
    });
  } else {
    app.log.warn({ event: 'client.missing', clientDir: config.clientDir }, 'The client is not built: run `npm run build`.');
  }
  return app;
}
