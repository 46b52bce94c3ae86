import path from 'node:path';

export interface Config {
  port: number;
  /** PostgreSQL for scale-out (several instances share it); SQLite in DATA_DIR when absent. */
  databaseUrl: string | null;
  /** Redis pub/sub between instances; needed when more than one instance serves the same conferences. */
  redisUrl: string | null;
  host: string;
  dataDir: string;
  /** Where the built client is; the server serves it when it exists. */
  clientDir: string;
  /** Largest websocket message accepted, in bytes. */
  maxMessageBytes: number;
  /** Compact a room's update log into one snapshot after this many updates. */
  compactEvery: number;
  /** Close a connection whose unsent output grows past this many bytes (a client that stopped reading). */
  maxBufferedBytes: number;
  /** Interval of the keep-alive ping; a connection that misses one is dropped. */
  pingIntervalMs: number;
  /** Largest conference document accepted, in bytes: an update that would pass it is refused. */
  maxDocumentBytes: number;
  /**
   * Messages one connection may send per second (bursts of four times as many are allowed). Stock
   * clients echo every presence update they receive, so this must allow for the size of a room.
   */
  messagesPerSecond: number;
  /** Presence updates one connection may send per second (bursts of four times as many). */
  awarenessPerSecond: number;
  /** Bytes one connection may send per second (bursts of four times as many, and at least two of the largest messages). */
  bytesPerSecond: number;
  /**
   * Bytes all connections to one conference may send per second, together (bursts of four times as
   * many). Past it the server reads from them more slowly: nobody is cut off, the conference waits.
   */
  conferenceBytesPerSecond: number;
  /** Document updates all connections to one conference may send per second, together (as above). */
  conferenceUpdatesPerSecond: number;
  /** What one person may add to one document, in bytes (taking things off is never refused). */
  maxPersonBytes: number;
  /** Records (items, statements, actions, …) one person may add per minute, in bursts of up to half as many. */
  recordsPerMinute: number;
  /** Connections one person (one token) may have open to each document of a conference. */
  connectionsPerPerson: number;
  /** Largest presence state a connection may announce, in bytes. */
  maxPresenceBytes: number;
  /** Locked conferences are purged automatically this many days after the meeting ended. */
  retentionDays: number;
  /** Conferences never ended are purged once nobody has opened them for this many days. */
  unendedRetentionDays: number;
  /** Conferences one address may create per minute. */
  createPerMinute: number;
  /** Failed token checks one address may make per conference per minute; later ones get 429. */
  tokenChecksPerMinute: number;
  /** Requests to join one invitation may bring in 10 minutes. */
  lobbyPerInvitation: number;
  /** Score requests one person may make per minute (each route apart). */
  scoresPerMinute: number;
  /**
   * Which proxies to believe about the client's address (X-Forwarded-For), as Fastify's
   * `trustProxy`: false (none), true (any), a number of hops, or addresses and CIDR ranges.
   */
  trustProxy: boolean | number | string;
  /**
   * Whom to write to about a record once the time to ask for changes is over (for example "the
   * child protection conference service, cpconferences@example.gov.uk"); the chair's name otherwise.
   */
  amendmentsContact: string;
}

function trustProxyFromEnv(raw: string | undefined): boolean | number | string {
  const value = (raw ?? '').trim();
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  if (/^[0-9a-fA-F.:/,\s]+$/.test(value)) return value;
  throw new Error(
    `Setting TRUST_PROXY=${value} is not valid: give true, false, a number of proxies, or the proxies' addresses (for example 10.0.0.5 or 10.0.0.0/8).`,
  );
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`Setting ${name}=${raw} is not valid: give a whole number from ${min} to ${max}.`);
  }
  return value;
}

function textFromEnv(env: NodeJS.ProcessEnv, name: string, max: number): string {
  const value = (env[name] ?? '').trim();
  if (value.length > max) throw new Error(`Setting ${name} is too long: at most ${max} characters.`);
  return value;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFromEnv(env, 'PORT', 3000, 0, 65535),
    databaseUrl: env.DATABASE_URL && env.DATABASE_URL.length > 0 ? env.DATABASE_URL : null,
    redisUrl: env.REDIS_URL && env.REDIS_URL.length > 0 ? env.REDIS_URL : null,
    host: env.HOST && env.HOST.length > 0 ? env.HOST : '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR && env.DATA_DIR.length > 0 ? env.DATA_DIR : './data'),
    clientDir: path.resolve(env.CLIENT_DIR && env.CLIENT_DIR.length > 0 ? env.CLIENT_DIR : './dist/client'),
    maxMessageBytes: intFromEnv(env, 'MAX_MESSAGE_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    compactEvery: intFromEnv(env, 'COMPACT_EVERY', 500, 1, 1_000_000),
    maxBufferedBytes: intFromEnv(env, 'MAX_BUFFERED_BYTES', 16 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024),
    pingIntervalMs: intFromEnv(env, 'PING_INTERVAL_MS', 30_000, 100, 600_000),
    maxDocumentBytes: intFromEnv(env, 'MAX_DOCUMENT_BYTES', 32 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024),
    messagesPerSecond: intFromEnv(env, 'MESSAGES_PER_SECOND', 500, 1, 1_000_000),
    awarenessPerSecond: intFromEnv(env, 'PRESENCE_PER_SECOND', 10, 1, 1_000_000),
    bytesPerSecond: intFromEnv(env, 'BYTES_PER_SECOND', 256 * 1024, 1024, 1024 * 1024 * 1024),
    conferenceBytesPerSecond: intFromEnv(env, 'CONFERENCE_BYTES_PER_SECOND', 1024 * 1024, 1024, 1024 * 1024 * 1024),
    conferenceUpdatesPerSecond: intFromEnv(env, 'CONFERENCE_UPDATES_PER_SECOND', 400, 1, 1_000_000),
    maxPersonBytes: intFromEnv(env, 'MAX_PERSON_BYTES', 4 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    recordsPerMinute: intFromEnv(env, 'RECORDS_PER_MINUTE', 60, 1, 1_000_000),
    connectionsPerPerson: intFromEnv(env, 'CONNECTIONS_PER_PERSON', 8, 1, 10_000),
    maxPresenceBytes: intFromEnv(env, 'MAX_PRESENCE_BYTES', 4096, 256, 1024 * 1024),
    retentionDays: intFromEnv(env, 'RETENTION_DAYS', 30, 0, 3650),
    unendedRetentionDays: intFromEnv(env, 'UNENDED_RETENTION_DAYS', 30, 1, 36500),
    createPerMinute: intFromEnv(env, 'RATE_LIMIT_CREATE_PER_MINUTE', 10, 1, 1_000_000),
    tokenChecksPerMinute: intFromEnv(env, 'RATE_LIMIT_TOKEN_CHECKS_PER_MINUTE', 60, 1, 1_000_000),
    lobbyPerInvitation: intFromEnv(env, 'RATE_LIMIT_LOBBY_PER_INVITATION', 30, 1, 1_000_000),
    scoresPerMinute: intFromEnv(env, 'RATE_LIMIT_SCORES_PER_MINUTE', 120, 1, 1_000_000),
    trustProxy: trustProxyFromEnv(env.TRUST_PROXY),
    amendmentsContact: textFromEnv(env, 'AMENDMENTS_CONTACT', 200),
  };
}
