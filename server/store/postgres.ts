import pg from 'pg';
import { isAccessRole } from '../../shared/model/index.js';
import {
  snapshotOf,
  type AuditEntry,
  type ConferenceRecord,
  type ConferenceStore,
  type CredentialKind,
  type HiddenScore,
  type InitialDocument,
  type StoredCredential,
} from './store.js';

const SCHEMA = `
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
`;

/** Any id for the advisory lock that serialises schema creation between instances starting together. */
const SCHEMA_LOCK = 724_311;
const KINDS: readonly CredentialKind[] = ['chair', 'invitation', 'lobby', 'participant', 'declined'];

type Row = Record<string, unknown>;
const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * The scale-out store: PostgreSQL (DATABASE_URL), shared by every server instance. Same tables and
 * meaning as the SQLite store. Each update is committed before the relay shows it to anyone.
 */
export class PostgresStore implements ConferenceStore {
  private constructor(private readonly pool: pg.Pool) {}

  static async connect(url: string): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle client that loses its connection must not crash the server.
    pool.on('error', () => undefined);
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK]);
      await client.query(SCHEMA);
      // Added with the sealed record: the audit trail keeps the record's hash.
      await client.query('ALTER TABLE audit ADD COLUMN IF NOT EXISTS detail TEXT');
      await client.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK]);
    } finally {
      client.release();
    }
    return new PostgresStore(pool);
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  private static insertCredential(client: pg.Pool | pg.PoolClient, conferenceId: string, c: StoredCredential): Promise<unknown> {
    return client.query(
      'INSERT INTO credentials (conference_id, hash, kind, role, participant_id, name, role_label, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [conferenceId, c.hash, c.kind, c.role, c.participantId, c.name, c.roleLabel, c.createdAt, c.revokedAt],
    );
  }

  async createConference(conference: ConferenceRecord, credentials: StoredCredential[], documents: InitialDocument[]): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('INSERT INTO conferences (id, created_at, locked_at, auto_admit) VALUES ($1, $2, $3, $4)', [
        conference.id,
        conference.createdAt,
        conference.lockedAt,
        conference.autoAdmit,
      ]);
      for (const c of credentials) await PostgresStore.insertCredential(client, conference.id, c);
      for (const d of documents) await client.query('INSERT INTO updates (room, data) VALUES ($1, $2)', [d.room, Buffer.from(d.update)]);
    });
  }

  async saveHiddenScore(conferenceId: string, h: HiddenScore): Promise<void> {
    await this.pool.query(
      `INSERT INTO hidden_scores (conference_id, pair_id, participant_id, name, role_label, role, value, next_step, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (conference_id, pair_id, participant_id) DO UPDATE SET value = excluded.value, next_step = excluded.next_step, at = excluded.at`,
      [conferenceId, h.pairId, h.participantId, h.name, h.roleLabel, h.role, h.value, h.nextStep, h.at],
    );
  }

  async hiddenScores(conferenceId: string): Promise<HiddenScore[]> {
    const { rows } = await this.pool.query<Row>(
      'SELECT pair_id, participant_id, name, role_label, role, value, next_step, at FROM hidden_scores WHERE conference_id = $1 ORDER BY at',
      [conferenceId],
    );
    return rows.flatMap((r) =>
      isAccessRole(r.role)
        ? [
            {
              pairId: String(r.pair_id),
              participantId: String(r.participant_id),
              name: String(r.name),
              roleLabel: String(r.role_label),
              role: r.role,
              value: num(r.value),
              nextStep: String(r.next_step),
              at: num(r.at),
            },
          ]
        : [],
    );
  }

  async deleteHiddenScores(conferenceId: string, pairId: string): Promise<void> {
    await this.pool.query('DELETE FROM hidden_scores WHERE conference_id = $1 AND pair_id = $2', [conferenceId, pairId]);
  }

  async getConference(id: string): Promise<ConferenceRecord | null> {
    const { rows } = await this.pool.query<Row>('SELECT id, created_at, locked_at, auto_admit FROM conferences WHERE id = $1', [id]);
    const row = rows[0];
    return row
      ? { id: String(row.id), createdAt: num(row.created_at), lockedAt: numOrNull(row.locked_at), autoAdmit: row.auto_admit === true }
      : null;
  }

  async setAutoAdmit(id: string, autoAdmit: boolean): Promise<void> {
    await this.pool.query('UPDATE conferences SET auto_admit = $1 WHERE id = $2', [autoAdmit, id]);
  }

  async lock(id: string, at: number): Promise<boolean> {
    const result = await this.pool.query('UPDATE conferences SET locked_at = $1 WHERE id = $2 AND locked_at IS NULL', [at, id]);
    return (result.rowCount ?? 0) > 0;
  }

  async lockedBefore(before: number): Promise<string[]> {
    const { rows } = await this.pool.query<Row>('SELECT id FROM conferences WHERE locked_at IS NOT NULL AND locked_at < $1', [before]);
    return rows.map((r) => String(r.id));
  }

  async credentialsFor(conferenceId: string): Promise<StoredCredential[]> {
    const { rows } = await this.pool.query<Row>(
      'SELECT hash, kind, role, participant_id, name, role_label, created_at, revoked_at FROM credentials WHERE conference_id = $1',
      [conferenceId],
    );
    return rows.flatMap((row) => {
      const role = row.role;
      const kind = row.kind;
      if (!isAccessRole(role) || typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) return [];
      return [
        {
          hash: row.hash as Buffer,
          kind: kind as CredentialKind,
          role,
          participantId: strOrNull(row.participant_id),
          name: strOrNull(row.name),
          roleLabel: strOrNull(row.role_label),
          createdAt: num(row.created_at),
          revokedAt: numOrNull(row.revoked_at),
        },
      ];
    });
  }

  async addCredential(conferenceId: string, credential: StoredCredential): Promise<void> {
    await PostgresStore.insertCredential(this.pool, conferenceId, credential);
  }

  async setCredentialKind(conferenceId: string, participantId: string, from: CredentialKind, to: CredentialKind): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE credentials SET kind = $1 WHERE conference_id = $2 AND participant_id = $3 AND kind = $4 AND revoked_at IS NULL',
      [to, conferenceId, participantId, from],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async revokeInvitations(conferenceId: string, role: string, at: number): Promise<number> {
    const result = await this.pool.query(
      "UPDATE credentials SET revoked_at = $1 WHERE conference_id = $2 AND kind = 'invitation' AND role = $3 AND revoked_at IS NULL",
      [at, conferenceId, role],
    );
    return result.rowCount ?? 0;
  }

  async audit(conferenceId: string, e: AuditEntry): Promise<void> {
    await this.pool.query(
      'INSERT INTO audit (conference_id, at, event, participant_id, name, role_label, role, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [conferenceId, e.at, e.event, e.participantId, e.name, e.roleLabel, e.role, e.detail ?? null],
    );
  }

  async auditTrail(conferenceId: string): Promise<AuditEntry[]> {
    const { rows } = await this.pool.query<Row>(
      'SELECT at, event, participant_id, name, role_label, role, detail FROM audit WHERE conference_id = $1 ORDER BY seq',
      [conferenceId],
    );
    return rows.map((r) => ({
      at: num(r.at),
      event: r.event as AuditEntry['event'],
      participantId: strOrNull(r.participant_id),
      name: strOrNull(r.name),
      roleLabel: strOrNull(r.role_label),
      role: isAccessRole(r.role) ? r.role : null,
      detail: strOrNull(r.detail),
    }));
  }

  async purge(conferenceId: string, rooms: string[]): Promise<void> {
    await this.transaction(async (client) => {
      // Waits for a compaction of these rooms in progress anywhere, so none can write its snapshot back.
      await client.query('SELECT pg_advisory_xact_lock(hashtext(r)) FROM unnest($1::text[]) AS r', [rooms]);
      await client.query('DELETE FROM updates WHERE room = ANY($1)', [rooms]);
      await client.query('DELETE FROM audit WHERE conference_id = $1', [conferenceId]);
      await client.query('DELETE FROM hidden_scores WHERE conference_id = $1', [conferenceId]);
      await client.query('DELETE FROM credentials WHERE conference_id = $1', [conferenceId]);
      await client.query('DELETE FROM conferences WHERE id = $1', [conferenceId]);
    });
    // Reclaim the dead rows now rather than at the next autovacuum (see docs/deployment.md).
    await this.pool.query('VACUUM updates, audit, hidden_scores, credentials, conferences');
  }

  async loadUpdates(room: string): Promise<Uint8Array[]> {
    const { rows } = await this.pool.query<Row>('SELECT data FROM updates WHERE room = $1 ORDER BY seq', [room]);
    return rows.map((r) => new Uint8Array(r.data as Buffer));
  }

  async appendUpdate(room: string, update: Uint8Array): Promise<void> {
    await this.pool.query('INSERT INTO updates (room, data) VALUES ($1, $2)', [
      room,
      Buffer.from(update.buffer, update.byteOffset, update.byteLength),
    ]);
  }

  async appendUpdates(batch: ReadonlyArray<{ room: string; updates: readonly Uint8Array[] }>): Promise<void> {
    const rooms: string[] = [];
    const data: Buffer[] = [];
    for (const { room, updates } of batch) {
      for (const u of updates) {
        rooms.push(room);
        data.push(Buffer.from(u.buffer, u.byteOffset, u.byteLength));
      }
    }
    if (rooms.length === 0) return;
    // One statement, so one transaction; the sequence numbers follow the order given.
    await this.pool.query(
      'INSERT INTO updates (room, data) SELECT room, data FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS t(room, data, n) ORDER BY n',
      [rooms, data],
    );
  }

  async compact(room: string): Promise<number> {
    return this.transaction(async (client) => {
      // One compaction of a room at a time, across every instance.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [room]);
      const { rows } = await client.query<Row>('SELECT seq, data FROM updates WHERE room = $1 ORDER BY seq', [room]);
      const last = rows[rows.length - 1];
      if (!last) return 0;
      const snapshot = snapshotOf(rows.map((r) => new Uint8Array(r.data as Buffer)));
      await client.query('INSERT INTO updates (room, data) VALUES ($1, $2)', [room, Buffer.from(snapshot)]);
      await client.query('DELETE FROM updates WHERE room = $1 AND seq <= $2', [room, last.seq]);
      return snapshot.byteLength;
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
