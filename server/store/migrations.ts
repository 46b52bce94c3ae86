/**
 * Schema versions. Each store keeps the versions applied in `schema_migrations` and, at start,
 * applies the ones it lacks, in order, in one transaction (PostgreSQL: under an advisory lock, so
 * instances starting together migrate once). Version 1 is the schema as it was before versions
 * existed, written with IF NOT EXISTS: a database made then has its tables and gets version 1
 * recorded. Add a migration at the end; never change one that has shipped.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'conferences, credentials, audit, hidden scores, updates',
    sql: `
CREATE TABLE IF NOT EXISTS conferences (
  id TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  locked_at INTEGER,
  auto_admit INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS credentials (
  conference_id TEXT NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
  hash BLOB NOT NULL,
  kind TEXT NOT NULL,
  role TEXT NOT NULL,
  participant_id TEXT,
  name TEXT,
  role_label TEXT,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER,
  PRIMARY KEY (conference_id, hash)
);
CREATE TABLE IF NOT EXISTS audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  conference_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  event TEXT NOT NULL,
  participant_id TEXT,
  name TEXT,
  role_label TEXT,
  role TEXT
);
CREATE INDEX IF NOT EXISTS audit_by_conference ON audit (conference_id, seq);
CREATE TABLE IF NOT EXISTS hidden_scores (
  conference_id TEXT NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
  pair_id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  name TEXT NOT NULL,
  role_label TEXT NOT NULL,
  role TEXT NOT NULL,
  value INTEGER NOT NULL,
  next_step TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (conference_id, pair_id, participant_id)
);
CREATE TABLE IF NOT EXISTS updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  room TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS updates_by_room ON updates (room, seq);
`,
  },
  {
    version: 2,
    name: 'health probe',
    sql: 'CREATE TABLE health (id INTEGER PRIMARY KEY CHECK (id = 1), checked_at INTEGER NOT NULL);',
  },
  {
    version: 3,
    name: 'last use of a conference, for the expiry of unended ones',
    sql: 'ALTER TABLE conferences ADD COLUMN active_at INTEGER; UPDATE conferences SET active_at = created_at;',
  },
  {
    version: 4,
    name: 'what an audit event needs besides who and when (the sealed record’s hash, a count)',
    sql: 'ALTER TABLE audit ADD COLUMN detail TEXT;',
  },
  {
    version: 5,
    name: 'chains of conferences (a review names the one it follows) and the lead social worker',
    sql: 'ALTER TABLE conferences ADD COLUMN previous_id TEXT; CREATE INDEX conferences_by_previous ON conferences (previous_id); ALTER TABLE credentials ADD COLUMN lead INTEGER NOT NULL DEFAULT 0;',
  },
  {
    version: 6,
    name: 'versions of a record (each kept as it was published) and requests for changes to it',
    sql: `CREATE TABLE record_versions (
  conference_id TEXT NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  hash TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  board BLOB NOT NULL,
  chair BLOB NOT NULL,
  PRIMARY KEY (conference_id, version)
);
CREATE TABLE amendments (
  conference_id TEXT NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  asked_at INTEGER NOT NULL,
  status TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (conference_id, id)
);`,
  },
];

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'conferences, credentials, audit, hidden scores, updates',
    sql: `
CREATE TABLE IF NOT EXISTS conferences (
  id TEXT PRIMARY KEY,
  created_at BIGINT NOT NULL,
  locked_at BIGINT,
  auto_admit BOOLEAN NOT NULL DEFAULT false
);
CREATE TABLE IF NOT EXISTS credentials (
  conference_id TEXT NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
  hash BYTEA NOT NULL,
  kind TEXT NOT NULL,
  role TEXT NOT NULL,
  participant_id TEXT,
  name TEXT,
  role_label TEXT,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT,
  PRIMARY KEY (conference_id, hash)
);
CREATE TABLE IF NOT EXISTS audit (
  seq BIGSERIAL PRIMARY KEY,
  conference_id TEXT NOT NULL,
  at BIGINT NOT NULL,
  event TEXT NOT NULL,
  participant_id TEXT,
  name TEXT,
  role_label TEXT,
  role TEXT
);
CREATE INDEX IF NOT EXISTS audit_by_conference ON audit (conference_id, seq);
CREATE TABLE IF NOT EXISTS hidden_scores (
  conference_id TEXT NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
  pair_id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  name TEXT NOT NULL,
  role_label TEXT NOT NULL,
  role TEXT NOT NULL,
  value INTEGER NOT NULL,
  next_step TEXT NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (conference_id, pair_id, participant_id)
);
CREATE TABLE IF NOT EXISTS updates (
  seq BIGSERIAL PRIMARY KEY,
  room TEXT NOT NULL,
  data BYTEA NOT NULL
);
CREATE INDEX IF NOT EXISTS updates_by_room ON updates (room, seq);
`,
  },
  {
    version: 2,
    name: 'health probe',
    sql: 'CREATE TABLE health (id INTEGER PRIMARY KEY CHECK (id = 1), checked_at BIGINT NOT NULL);',
  },
  {
    version: 3,
    name: 'last use of a conference, for the expiry of unended ones',
    sql: 'ALTER TABLE conferences ADD COLUMN active_at BIGINT; UPDATE conferences SET active_at = created_at;',
  },
  {
    version: 4,
    name: 'what an audit event needs besides who and when (the sealed record’s hash, a count)',
    sql: 'ALTER TABLE audit ADD COLUMN detail TEXT;',
  },
  {
    version: 5,
    name: 'chains of conferences (a review names the one it follows) and the lead social worker',
    sql: 'ALTER TABLE conferences ADD COLUMN previous_id TEXT; CREATE INDEX conferences_by_previous ON conferences (previous_id); ALTER TABLE credentials ADD COLUMN lead BOOLEAN NOT NULL DEFAULT false;',
  },
  {
    version: 6,
    name: 'versions of a record (each kept as it was published) and requests for changes to it',
    sql: `CREATE TABLE record_versions (
  conference_id TEXT NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  hash TEXT NOT NULL,
  published_at BIGINT NOT NULL,
  board BYTEA NOT NULL,
  chair BYTEA NOT NULL,
  PRIMARY KEY (conference_id, version)
);
CREATE TABLE amendments (
  conference_id TEXT NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  asked_at BIGINT NOT NULL,
  status TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (conference_id, id)
);`,
  },
];

export const VERSION_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL
)`;

/** What a start did to the schema: `from` is 0 for a new database. */
export interface SchemaChange {
  from: number;
  to: number;
}

/** The migrations after `current`, or an error when the database is newer than this code. */
export function pendingMigrations(migrations: readonly Migration[], current: number): Migration[] {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (current > latest) {
    throw new Error(
      `The database has schema version ${current}, made by a newer Conference Board; this one knows versions up to ${latest}. Run the newer version, or restore a backup made for this one.`,
    );
  }
  return migrations.filter((m) => m.version > current);
}
