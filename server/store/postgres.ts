import pg from 'pg';
import { isAccessRole, type AmendmentRequest, type AmendmentStatus } from '../../shared/model/index.js';
import {
  parseAmendment,
  type AuditEntry,
  type ConferenceRecord,
  type ConferenceStore,
  type CredentialKind,
  type HiddenScore,
  type InitialDocument,
  type RecordVersion,
  type StoredCredential,
} from './store.js';
import { pendingMigrations, POSTGRES_MIGRATIONS, VERSION_TABLE, type SchemaChange } from './migrations.js';
import { COMPACT_ROWS_PER_READ, Folder } from './folder.js';

/** Any id for the advisory lock that serialises migrations between instances starting together. */
const SCHEMA_LOCK = 724_311;
const KINDS: readonly CredentialKind[] = ['chair', 'invitation', 'lobby', 'participant', 'declined'];

type Row = Record<string, unknown>;
const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

const CREDENTIAL_COLUMNS = 'hash, kind, role, participant_id, name, role_label, created_at, revoked_at, lead';

/** A stored row as a credential; a row with an unknown kind or role stands for nothing. */
function credentialOf(row: Row): StoredCredential[] {
  const { role, kind } = row;
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
      lead: row.lead === true,
    },
  ];
}

/**
 * The scale-out store: PostgreSQL (DATABASE_URL), shared by every server instance. Same tables and
 * meaning as the SQLite store. Each update is committed before the relay shows it to anyone.
 */
export class PostgresStore implements ConferenceStore {
  /** Compactions fold rooms' logs in a worker thread (see Folder). */
  private readonly folds = new Folder();

  private constructor(
    private readonly pool: pg.Pool,
    /** The schema versions before and after this start. */
    readonly schema: SchemaChange,
  ) {}

  static async connect(url: string): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle client that loses its connection must not crash the server.
    pool.on('error', () => undefined);
    const client = await pool.connect();
    let schema: SchemaChange;
    try {
      await client.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK]);
      try {
        await client.query('BEGIN');
        await client.query(VERSION_TABLE);
        const { rows } = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
        const current = rows[0]?.v ?? 0;
        const pending = pendingMigrations(POSTGRES_MIGRATIONS, current);
        for (const m of pending) {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
            m.version,
            m.name,
            Date.now(),
          ]);
        }
        await client.query('COMMIT');
        schema = { from: current, to: pending[pending.length - 1]?.version ?? current };
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK]);
      }
    } finally {
      client.release();
    }
    return new PostgresStore(pool, schema);
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
      'INSERT INTO credentials (conference_id, hash, kind, role, participant_id, name, role_label, created_at, revoked_at, lead) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
      [conferenceId, c.hash, c.kind, c.role, c.participantId, c.name, c.roleLabel, c.createdAt, c.revokedAt, c.lead],
    );
  }

  async createConference(conference: ConferenceRecord, credentials: StoredCredential[], documents: InitialDocument[]): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('INSERT INTO conferences (id, created_at, locked_at, auto_admit, active_at, previous_id) VALUES ($1, $2, $3, $4, $5, $6)', [
        conference.id,
        conference.createdAt,
        conference.lockedAt,
        conference.autoAdmit,
        conference.activeAt,
        conference.previousId,
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

  async saveVersion(conferenceId: string, v: RecordVersion): Promise<boolean> {
    const result = await this.pool.query(
      'INSERT INTO record_versions (conference_id, version, hash, published_at, board, chair) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
      [conferenceId, v.version, v.hash, v.publishedAt, Buffer.from(v.board), Buffer.from(v.chair)],
    );
    return result.rowCount === 1;
  }

  async versions(conferenceId: string): Promise<Array<Omit<RecordVersion, 'board' | 'chair'>>> {
    const { rows } = await this.pool.query<Row>(
      'SELECT version, hash, published_at FROM record_versions WHERE conference_id = $1 ORDER BY version',
      [conferenceId],
    );
    return rows.map((r) => ({ version: num(r.version), hash: String(r.hash), publishedAt: num(r.published_at) }));
  }

  async version(conferenceId: string, version: number): Promise<RecordVersion | null> {
    const { rows } = await this.pool.query<Row>(
      'SELECT version, hash, published_at, board, chair FROM record_versions WHERE conference_id = $1 AND version = $2',
      [conferenceId, version],
    );
    const r = rows[0];
    return r
      ? {
          version: num(r.version),
          hash: String(r.hash),
          publishedAt: num(r.published_at),
          board: new Uint8Array(r.board as Buffer),
          chair: new Uint8Array(r.chair as Buffer),
        }
      : null;
  }

  async addAmendment(conferenceId: string, a: AmendmentRequest): Promise<void> {
    await this.pool.query('INSERT INTO amendments (conference_id, id, asked_at, status, body) VALUES ($1, $2, $3, $4, $5)', [
      conferenceId,
      a.id,
      a.askedAt,
      a.status,
      JSON.stringify(a),
    ]);
  }

  async amendments(conferenceId: string): Promise<AmendmentRequest[]> {
    const { rows } = await this.pool.query<Row>('SELECT body FROM amendments WHERE conference_id = $1 ORDER BY asked_at, id', [conferenceId]);
    return rows.flatMap((r) => parseAmendment(String(r.body)));
  }

  async updateAmendment(conferenceId: string, a: AmendmentRequest, from: AmendmentStatus): Promise<boolean> {
    const result = await this.pool.query('UPDATE amendments SET status = $1, body = $2 WHERE conference_id = $3 AND id = $4 AND status = $5', [
      a.status,
      JSON.stringify(a),
      conferenceId,
      a.id,
      from,
    ]);
    return result.rowCount === 1;
  }

  async getConference(id: string): Promise<ConferenceRecord | null> {
    const { rows } = await this.pool.query<Row>('SELECT id, created_at, locked_at, auto_admit, active_at, previous_id FROM conferences WHERE id = $1', [
      id,
    ]);
    const row = rows[0];
    return row
      ? {
          id: String(row.id),
          createdAt: num(row.created_at),
          lockedAt: numOrNull(row.locked_at),
          autoAdmit: row.auto_admit === true,
          activeAt: numOrNull(row.active_at) ?? num(row.created_at),
          previousId: strOrNull(row.previous_id),
        }
      : null;
  }

  async nextInChain(id: string): Promise<string | null> {
    const { rows } = await this.pool.query<Row>('SELECT id FROM conferences WHERE previous_id = $1', [id]);
    return rows[0] ? String(rows[0].id) : null;
  }

  async touch(id: string, at: number): Promise<void> {
    await this.pool.query('UPDATE conferences SET active_at = $1 WHERE id = $2 AND (active_at IS NULL OR active_at < $1)', [at, id]);
  }

  async unendedIdleSince(before: number): Promise<string[]> {
    const { rows } = await this.pool.query<Row>(
      'SELECT id FROM conferences c WHERE locked_at IS NULL AND COALESCE(active_at, created_at) < $1 AND NOT EXISTS (SELECT 1 FROM conferences n WHERE n.previous_id = c.id)',
      [before],
    );
    return rows.map((r) => String(r.id));
  }

  async setAutoAdmit(id: string, autoAdmit: boolean): Promise<void> {
    await this.pool.query('UPDATE conferences SET auto_admit = $1 WHERE id = $2', [autoAdmit, id]);
  }

  async lock(id: string, at: number): Promise<boolean> {
    const result = await this.pool.query('UPDATE conferences SET locked_at = $1 WHERE id = $2 AND locked_at IS NULL', [at, id]);
    return (result.rowCount ?? 0) > 0;
  }

  async lockedBefore(before: number): Promise<string[]> {
    const { rows } = await this.pool.query<Row>('SELECT id FROM conferences c WHERE locked_at IS NOT NULL AND locked_at < $1 AND NOT EXISTS (SELECT 1 FROM conferences n WHERE n.previous_id = c.id)', [before]);
    return rows.map((r) => String(r.id));
  }

  async credentialsFor(conferenceId: string): Promise<StoredCredential[]> {
    const { rows } = await this.pool.query<Row>(`SELECT ${CREDENTIAL_COLUMNS} FROM credentials WHERE conference_id = $1`, [conferenceId]);
    return rows.flatMap(credentialOf);
  }

  async credentialByHash(conferenceId: string, hash: Buffer): Promise<StoredCredential | null> {
    const { rows } = await this.pool.query<Row>(`SELECT ${CREDENTIAL_COLUMNS} FROM credentials WHERE conference_id = $1 AND hash = $2`, [
      conferenceId,
      hash,
    ]);
    return rows[0] ? (credentialOf(rows[0])[0] ?? null) : null;
  }

  async declineAllWaiting(conferenceId: string): Promise<StoredCredential[]> {
    const { rows } = await this.pool.query<Row>(
      `UPDATE credentials SET kind = 'declined' WHERE conference_id = $1 AND kind = 'lobby' AND revoked_at IS NULL RETURNING ${CREDENTIAL_COLUMNS}`,
      [conferenceId],
    );
    // RETURNING gives the rows as updated: they were waiting.
    return rows.flatMap(credentialOf).map((c) => ({ ...c, kind: 'lobby' as const }));
  }

  async revokeParticipant(conferenceId: string, participantId: string, at: number): Promise<StoredCredential | null> {
    const { rows } = await this.pool.query<Row>(
      `UPDATE credentials SET revoked_at = $1 WHERE conference_id = $2 AND participant_id = $3 AND kind = 'participant' AND revoked_at IS NULL RETURNING ${CREDENTIAL_COLUMNS}`,
      [at, conferenceId, participantId],
    );
    return rows[0] ? (credentialOf(rows[0])[0] ?? null) : null;
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

  async revokeInvitations(conferenceId: string, role: string, at: number, lead = false): Promise<number> {
    const result = await this.pool.query(
      "UPDATE credentials SET revoked_at = $1 WHERE conference_id = $2 AND kind = 'invitation' AND role = $3 AND lead = $4 AND revoked_at IS NULL",
      [at, conferenceId, role, lead],
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

  async deletedAlready(): Promise<string[]> {
    return [];
  }

  async purge(conferenceId: string, rooms: string[]): Promise<void> {
    await this.transaction(async (client) => {
      // Waits for a compaction of these rooms in progress anywhere, so none can write its snapshot back.
      await client.query('SELECT pg_advisory_xact_lock(hashtext(r)) FROM unnest($1::text[]) AS r', [rooms]);
      await client.query('DELETE FROM updates WHERE room = ANY($1)', [rooms]);
      await client.query('DELETE FROM audit WHERE conference_id = $1', [conferenceId]);
      await client.query('DELETE FROM hidden_scores WHERE conference_id = $1', [conferenceId]);
      await client.query('DELETE FROM record_versions WHERE conference_id = $1', [conferenceId]);
      await client.query('DELETE FROM amendments WHERE conference_id = $1', [conferenceId]);
      await client.query('DELETE FROM credentials WHERE conference_id = $1', [conferenceId]);
      await client.query('DELETE FROM conferences WHERE id = $1', [conferenceId]);
    });
    // Reclaim the dead rows now rather than at the next autovacuum (see docs/deployment.md).
    await this.pool.query('VACUUM updates, audit, hidden_scores, record_versions, amendments, credentials, conferences');
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
      // A few rows at a time, folded in a worker thread (see Folder): the relay carries on
      // meanwhile, and memory stays about the document's size, not the log's.
      const fold = this.folds.begin();
      let last: string | null = null;
      try {
        for (;;) {
          const { rows }: pg.QueryResult<Row> = await client.query<Row>(
            'SELECT seq, data FROM updates WHERE room = $1 AND seq > $2 ORDER BY seq LIMIT $3',
            [room, last ?? '0', COMPACT_ROWS_PER_READ],
          );
          if (rows.length > 0) await fold.add(rows.map((r) => new Uint8Array(r.data as Buffer)));
          if (rows.length > 0) last = String((rows[rows.length - 1] as Row).seq);
          if (rows.length < COMPACT_ROWS_PER_READ) break;
        }
      } catch (err) {
        fold.cancel();
        throw err;
      }
      if (last === null) {
        fold.cancel();
        return 0;
      }
      const snapshot = await fold.finish();
      await client.query('INSERT INTO updates (room, data) VALUES ($1, $2)', [room, Buffer.from(snapshot)]);
      await client.query('DELETE FROM updates WHERE room = $1 AND seq <= $2', [room, last]);
      return snapshot.byteLength;
    });
  }

  async probe(): Promise<void> {
    await this.pool.query(
      'INSERT INTO health (id, checked_at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at',
      [Date.now()],
    );
  }

  async close(): Promise<void> {
    await this.folds.close();
    await this.pool.end();
  }
}
