import fs from 'node:fs';
import path from 'node:path';
import { Database } from './sqlite-driver.js';
import { Checkpointer } from './checkpointer.js';
import { COMPACT_BYTES_PER_READ, COMPACT_ROWS_PER_READ, Folder } from './folder.js';
import { pendingMigrations, SQLITE_MIGRATIONS, VERSION_TABLE, type SchemaChange } from './migrations.js';
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

/** The database's file name in DATA_DIR. */
export const DATABASE_FILE = 'conference-board.sqlite';
/**
 * The ids of deleted conferences, one a line, in DATA_DIR beside the database. A backup restored
 * later still holds conferences deleted since it was made: at start they are deleted again.
 * Conference ids are random and say nothing about anyone.
 */
export const DELETED_LEDGER = 'deleted-conferences.txt';

/** Log size at which a commit checkpoints itself, should the background checkpointer fall behind. */
const BACKSTOP_CHECKPOINT_PAGES = 10_000;

const KINDS: readonly CredentialKind[] = ['chair', 'invitation', 'lobby', 'participant', 'declined'];

interface CredentialRow {
  hash: Buffer;
  kind: string;
  role: string;
  participant_id: string | null;
  name: string | null;
  role_label: string | null;
  created_at: number;
  revoked_at: number | null;
  lead: number;
}

/** A stored row as a credential; a row with an unknown kind or role stands for nothing. */
function credentialOf(row: CredentialRow): StoredCredential[] {
  if (!isAccessRole(row.role) || !(KINDS as readonly string[]).includes(row.kind)) return [];
  return [
    {
      hash: row.hash,
      kind: row.kind as CredentialKind,
      role: row.role,
      participantId: row.participant_id,
      name: row.name,
      roleLabel: row.role_label,
      createdAt: row.created_at,
      revokedAt: row.revoked_at,
      lead: row.lead === 1,
    },
  ];
}

/**
 * The embedded store: one SQLite file, `conference-board.sqlite`, in DATA_DIR.
 * WAL mode with synchronous=NORMAL: a committed update survives a crash of the server process
 * (kill -9); only a power cut of the whole machine can lose the last few commits.
 */
export class SqliteStore implements ConferenceStore {
  readonly file: string;
  private readonly ledger: string;
  private readonly db: Database;
  private readonly q;
  private readonly checkpointer: Checkpointer;
  /** Compactions fold rooms' logs in a worker thread (see Folder). */
  private readonly folds = new Folder();
  /** The schema versions before and after this start. */
  readonly schema: SchemaChange;
  /** One transaction (one commit) for the updates of many rooms. */
  private readonly appendMany: (batch: ReadonlyArray<{ room: string; updates: readonly Uint8Array[] }>) => void;

  constructor(dataDir: string, busyTimeoutMs = 200) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    this.file = path.join(dataDir, DATABASE_FILE);
    this.ledger = path.join(dataDir, DELETED_LEDGER);
    // A write that cannot get the database within this time fails (and is retried by the relay)
    // rather than freezing the server: better-sqlite3 waits synchronously.
    this.db = new Database(this.file, { timeout: busyTimeoutMs });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // Checkpoints run in a worker thread, not inside the relay's commits (see Checkpointer). Under
    // non-stop writing its checkpoints may never catch up with the log; then, at 10,000 pages
    // (about 40 MB), a commit checkpoints as SQLite normally does, and the log starts again.
    this.db.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
    this.db.pragma(`journal_size_limit = ${32 * 1024 * 1024}`);
    this.db.pragma('foreign_keys = ON');
    // Deleted content is overwritten with zeros, so a purge leaves nothing readable in the file.
    this.db.pragma('secure_delete = ON');
    this.schema = this.migrate();
    this.checkpointer = new Checkpointer(this.file, 1000, (reason) => {
      // Without the worker, SQLite's own checkpoints take over again (with their stalls).
      if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
      process.emitWarning(`The database checkpointer stopped (${reason}); SQLite checkpoints in the server's own commits again.`);
    });
    const db = this.db;
    this.q = {
      insertConference: db.prepare('INSERT INTO conferences (id, created_at, locked_at, auto_admit, active_at, previous_id) VALUES (?, ?, ?, ?, ?, ?)'),
      getConference: db.prepare<
        [string],
        { id: string; created_at: number; locked_at: number | null; auto_admit: number; active_at: number | null; previous_id: string | null }
      >('SELECT id, created_at, locked_at, auto_admit, active_at, previous_id FROM conferences WHERE id = ?'),
      nextInChain: db.prepare<[string], { id: string }>('SELECT id FROM conferences WHERE previous_id = ?'),
      touch: db.prepare('UPDATE conferences SET active_at = ? WHERE id = ? AND (active_at IS NULL OR active_at < ?)'),
      unendedIdleSince: db.prepare<[number], { id: string }>(
        'SELECT id FROM conferences c WHERE locked_at IS NULL AND COALESCE(active_at, created_at) < ? AND NOT EXISTS (SELECT 1 FROM conferences n WHERE n.previous_id = c.id)',
      ),
      setAutoAdmit: db.prepare('UPDATE conferences SET auto_admit = ? WHERE id = ?'),
      lock: db.prepare('UPDATE conferences SET locked_at = ? WHERE id = ? AND locked_at IS NULL'),
      allConferenceIds: db.prepare<[], { id: string }>('SELECT id FROM conferences'),
      // A chain is kept while it goes on: only the last conference of a chain counts for retention.
      lockedBefore: db.prepare<[number], { id: string }>(
        'SELECT id FROM conferences c WHERE locked_at IS NOT NULL AND locked_at < ? AND NOT EXISTS (SELECT 1 FROM conferences n WHERE n.previous_id = c.id)',
      ),
      insertCredential: db.prepare(
        'INSERT INTO credentials (conference_id, hash, kind, role, participant_id, name, role_label, created_at, revoked_at, lead) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      credentialsFor: db.prepare<[string], CredentialRow>(
        'SELECT hash, kind, role, participant_id, name, role_label, created_at, revoked_at, lead FROM credentials WHERE conference_id = ?',
      ),
      credentialByHash: db.prepare<[string, Buffer], CredentialRow>(
        'SELECT hash, kind, role, participant_id, name, role_label, created_at, revoked_at, lead FROM credentials WHERE conference_id = ? AND hash = ?',
      ),
      waiting: db.prepare<[string], CredentialRow>(
        "SELECT hash, kind, role, participant_id, name, role_label, created_at, revoked_at, lead FROM credentials WHERE conference_id = ? AND kind = 'lobby' AND revoked_at IS NULL",
      ),
      declineWaiting: db.prepare(
        "UPDATE credentials SET kind = 'declined' WHERE conference_id = ? AND kind = 'lobby' AND revoked_at IS NULL",
      ),
      participant: db.prepare<[string, string], CredentialRow>(
        "SELECT hash, kind, role, participant_id, name, role_label, created_at, revoked_at, lead FROM credentials WHERE conference_id = ? AND participant_id = ? AND kind = 'participant' AND revoked_at IS NULL",
      ),
      revokeParticipant: db.prepare(
        "UPDATE credentials SET revoked_at = ? WHERE conference_id = ? AND participant_id = ? AND kind = 'participant' AND revoked_at IS NULL",
      ),
      setKind: db.prepare(
        'UPDATE credentials SET kind = ? WHERE conference_id = ? AND participant_id = ? AND kind = ? AND revoked_at IS NULL',
      ),
      revokeInvitations: db.prepare(
        "UPDATE credentials SET revoked_at = ? WHERE conference_id = ? AND kind = 'invitation' AND role = ? AND lead = ? AND revoked_at IS NULL",
      ),
      insertAudit: db.prepare(
        'INSERT INTO audit (conference_id, at, event, participant_id, name, role_label, role, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      auditTrail: db.prepare<
        [string],
        {
          at: number;
          event: string;
          participant_id: string | null;
          name: string | null;
          role_label: string | null;
          role: string | null;
          detail: string | null;
        }
      >('SELECT at, event, participant_id, name, role_label, role, detail FROM audit WHERE conference_id = ? ORDER BY seq'),
      deleteAudit: db.prepare('DELETE FROM audit WHERE conference_id = ?'),
      saveHiddenScore: db.prepare(
        `INSERT INTO hidden_scores (conference_id, pair_id, participant_id, name, role_label, role, value, next_step, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (conference_id, pair_id, participant_id) DO UPDATE SET value = excluded.value, next_step = excluded.next_step, at = excluded.at`,
      ),
      hiddenScores: db.prepare<
        [string],
        {
          pair_id: string;
          participant_id: string;
          name: string;
          role_label: string;
          role: string;
          value: number;
          next_step: string;
          at: number;
        }
      >(
        'SELECT pair_id, participant_id, name, role_label, role, value, next_step, at FROM hidden_scores WHERE conference_id = ? ORDER BY at',
      ),
      deleteHiddenScores: db.prepare('DELETE FROM hidden_scores WHERE conference_id = ? AND pair_id = ?'),
      deleteAllHiddenScores: db.prepare('DELETE FROM hidden_scores WHERE conference_id = ?'),
      deleteCredentials: db.prepare('DELETE FROM credentials WHERE conference_id = ?'),
      saveVersion: db.prepare(
        'INSERT INTO record_versions (conference_id, version, hash, published_at, board, chair) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      versions: db.prepare<[string], { version: number; hash: string; published_at: number }>(
        'SELECT version, hash, published_at FROM record_versions WHERE conference_id = ? ORDER BY version',
      ),
      version: db.prepare<[string, number], { version: number; hash: string; published_at: number; board: Buffer; chair: Buffer }>(
        'SELECT version, hash, published_at, board, chair FROM record_versions WHERE conference_id = ? AND version = ?',
      ),
      deleteVersions: db.prepare('DELETE FROM record_versions WHERE conference_id = ?'),
      addAmendment: db.prepare('INSERT INTO amendments (conference_id, id, asked_at, status, body) VALUES (?, ?, ?, ?, ?)'),
      amendments: db.prepare<[string], { body: string }>('SELECT body FROM amendments WHERE conference_id = ? ORDER BY asked_at, id'),
      updateAmendment: db.prepare('UPDATE amendments SET status = ?, body = ? WHERE conference_id = ? AND id = ? AND status = ?'),
      deleteAmendments: db.prepare('DELETE FROM amendments WHERE conference_id = ?'),
      deleteConference: db.prepare('DELETE FROM conferences WHERE id = ?'),
      deleteRoom: db.prepare('DELETE FROM updates WHERE room = ?'),
      loadUpdates: db.prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE room = ? ORDER BY seq'),
      loadAfter: db.prepare<[string, number, number], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM updates WHERE room = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
      hasUpdate: db.prepare<[string, number], { seq: number }>('SELECT seq FROM updates WHERE room = ? AND seq = ?'),
      appendUpdate: db.prepare('INSERT INTO updates (room, data) VALUES (?, ?)'),
      deleteUpTo: db.prepare('DELETE FROM updates WHERE room = ? AND seq <= ?'),
      probe: db.prepare(
        'INSERT INTO health (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at',
      ),
    };
    const append = this.q.appendUpdate;
    this.appendMany = db.transaction((batch: ReadonlyArray<{ room: string; updates: readonly Uint8Array[] }>) => {
      for (const { room, updates } of batch) for (const u of updates) append.run(room, Buffer.from(u.buffer, u.byteOffset, u.byteLength));
    });
  }

  /** Applies the schema versions this database lacks, all in one transaction. */
  private migrate(): SchemaChange {
    return this.db
      .transaction(() => {
        this.db.exec(VERSION_TABLE);
        const current = this.db.prepare<[], { v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations').get()?.v ?? 0;
        const record = this.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
        const pending = pendingMigrations(SQLITE_MIGRATIONS, current);
        for (const m of pending) {
          this.db.exec(m.sql);
          record.run(m.version, m.name, Date.now());
        }
        return { from: current, to: pending[pending.length - 1]?.version ?? current };
      })
      .immediate();
  }

  private insertCredential(conferenceId: string, c: StoredCredential): void {
    this.q.insertCredential.run(conferenceId, c.hash, c.kind, c.role, c.participantId, c.name, c.roleLabel, c.createdAt, c.revokedAt, c.lead ? 1 : 0);
  }

  async createConference(conference: ConferenceRecord, credentials: StoredCredential[], documents: InitialDocument[]): Promise<void> {
    this.checkpointer.start();
    this.db.transaction(() => {
      this.q.insertConference.run(
        conference.id,
        conference.createdAt,
        conference.lockedAt,
        conference.autoAdmit ? 1 : 0,
        conference.activeAt,
        conference.previousId,
      );
      for (const c of credentials) this.insertCredential(conference.id, c);
      for (const d of documents) this.q.appendUpdate.run(d.room, Buffer.from(d.update));
    })();
  }

  async saveHiddenScore(conferenceId: string, h: HiddenScore): Promise<void> {
    this.q.saveHiddenScore.run(conferenceId, h.pairId, h.participantId, h.name, h.roleLabel, h.role, h.value, h.nextStep, h.at);
  }

  async hiddenScores(conferenceId: string): Promise<HiddenScore[]> {
    return this.q.hiddenScores.all(conferenceId).flatMap((r) =>
      isAccessRole(r.role)
        ? [
            {
              pairId: r.pair_id,
              participantId: r.participant_id,
              name: r.name,
              roleLabel: r.role_label,
              role: r.role,
              value: r.value,
              nextStep: r.next_step,
              at: r.at,
            },
          ]
        : [],
    );
  }

  async deleteHiddenScores(conferenceId: string, pairId: string): Promise<void> {
    this.q.deleteHiddenScores.run(conferenceId, pairId);
  }

  async saveVersion(conferenceId: string, v: RecordVersion): Promise<boolean> {
    return this.q.saveVersion.run(conferenceId, v.version, v.hash, v.publishedAt, Buffer.from(v.board), Buffer.from(v.chair)).changes === 1;
  }

  async versions(conferenceId: string): Promise<Array<Omit<RecordVersion, 'board' | 'chair'>>> {
    return this.q.versions.all(conferenceId).map((r) => ({ version: r.version, hash: r.hash, publishedAt: r.published_at }));
  }

  async version(conferenceId: string, version: number): Promise<RecordVersion | null> {
    const r = this.q.version.get(conferenceId, version);
    return r
      ? { version: r.version, hash: r.hash, publishedAt: r.published_at, board: new Uint8Array(r.board), chair: new Uint8Array(r.chair) }
      : null;
  }

  async addAmendment(conferenceId: string, a: AmendmentRequest): Promise<void> {
    this.q.addAmendment.run(conferenceId, a.id, a.askedAt, a.status, JSON.stringify(a));
  }

  async amendments(conferenceId: string): Promise<AmendmentRequest[]> {
    return this.q.amendments.all(conferenceId).flatMap((r) => parseAmendment(r.body));
  }

  async updateAmendment(conferenceId: string, a: AmendmentRequest, from: AmendmentStatus): Promise<boolean> {
    return this.q.updateAmendment.run(a.status, JSON.stringify(a), conferenceId, a.id, from).changes === 1;
  }

  async getConference(id: string): Promise<ConferenceRecord | null> {
    const row = this.q.getConference.get(id);
    return row
      ? {
          id: row.id,
          createdAt: row.created_at,
          lockedAt: row.locked_at,
          autoAdmit: row.auto_admit === 1,
          activeAt: row.active_at ?? row.created_at,
          previousId: row.previous_id,
        }
      : null;
  }

  async nextInChain(id: string): Promise<string | null> {
    return this.q.nextInChain.get(id)?.id ?? null;
  }

  async touch(id: string, at: number): Promise<void> {
    this.q.touch.run(at, id, at);
  }

  async unendedIdleSince(before: number): Promise<string[]> {
    return this.q.unendedIdleSince.all(before).map((r) => r.id);
  }

  async setAutoAdmit(id: string, autoAdmit: boolean): Promise<void> {
    this.q.setAutoAdmit.run(autoAdmit ? 1 : 0, id);
  }

  async lock(id: string, at: number): Promise<boolean> {
    return this.q.lock.run(at, id).changes > 0;
  }

  async lockedBefore(before: number): Promise<string[]> {
    return this.q.lockedBefore.all(before).map((r) => r.id);
  }

  async credentialsFor(conferenceId: string): Promise<StoredCredential[]> {
    return this.q.credentialsFor.all(conferenceId).flatMap(credentialOf);
  }

  async credentialByHash(conferenceId: string, hash: Buffer): Promise<StoredCredential | null> {
    const row = this.q.credentialByHash.get(conferenceId, hash);
    return row ? (credentialOf(row)[0] ?? null) : null;
  }

  async declineAllWaiting(conferenceId: string): Promise<StoredCredential[]> {
    return this.db.transaction(() => {
      const waiting = this.q.waiting.all(conferenceId).flatMap(credentialOf);
      this.q.declineWaiting.run(conferenceId);
      return waiting;
    })();
  }

  async revokeParticipant(conferenceId: string, participantId: string, at: number): Promise<StoredCredential | null> {
    return this.db.transaction(() => {
      const row = this.q.participant.get(conferenceId, participantId);
      if (!row) return null;
      this.q.revokeParticipant.run(at, conferenceId, participantId);
      return credentialOf(row)[0] ?? null;
    })();
  }

  async addCredential(conferenceId: string, credential: StoredCredential): Promise<void> {
    this.insertCredential(conferenceId, credential);
  }

  async setCredentialKind(conferenceId: string, participantId: string, from: CredentialKind, to: CredentialKind): Promise<boolean> {
    return this.q.setKind.run(to, conferenceId, participantId, from).changes > 0;
  }

  async revokeInvitations(conferenceId: string, role: string, at: number, lead = false): Promise<number> {
    return this.q.revokeInvitations.run(at, conferenceId, role, lead ? 1 : 0).changes;
  }

  async audit(conferenceId: string, e: AuditEntry): Promise<void> {
    this.q.insertAudit.run(conferenceId, e.at, e.event, e.participantId, e.name, e.roleLabel, e.role, e.detail ?? null);
  }

  async auditTrail(conferenceId: string): Promise<AuditEntry[]> {
    return this.q.auditTrail.all(conferenceId).map((r) => ({
      at: r.at,
      event: r.event as AuditEntry['event'],
      participantId: r.participant_id,
      name: r.name,
      roleLabel: r.role_label,
      role: isAccessRole(r.role) ? r.role : null,
      detail: r.detail,
    }));
  }

  /** Conferences this database still holds that were deleted after it was backed up (see DELETED_LEDGER). */
  async deletedAlready(): Promise<string[]> {
    let ids: string[];
    try {
      ids = fs.readFileSync(this.ledger, 'utf8').split('\n').filter(Boolean);
    } catch {
      return [];
    }
    const wanted = new Set(ids);
    return this.q.allConferenceIds.all().flatMap((r) => (wanted.has(r.id) ? [r.id] : []));
  }

  async purge(conferenceId: string, rooms: string[]): Promise<void> {
    // Noted first: if the purge is interrupted, the next start finishes it.
    fs.appendFileSync(this.ledger, `${conferenceId}\n`, { mode: 0o600 });
    this.db.transaction(() => {
      for (const room of rooms) this.q.deleteRoom.run(room);
      this.q.deleteAudit.run(conferenceId);
      this.q.deleteAllHiddenScores.run(conferenceId);
      this.q.deleteVersions.run(conferenceId);
      this.q.deleteAmendments.run(conferenceId);
      this.q.deleteCredentials.run(conferenceId);
      this.q.deleteConference.run(conferenceId);
    })();
    // Copies of the deleted pages may still sit in the write-ahead log: fold it into the main file
    // (where secure_delete has zeroed them) and truncate it. The background checkpointer may hold
    // the checkpoint for a moment: then try again.
    await this.truncateLog();
  }

  /**
   * Truncates the write-ahead log. The deletion is committed already, so this never fails the
   * purge. Each try waits up to the busy timeout for the checkpointer to finish; while another
   * process keeps reading, the purge goes on after three tries and the tries carry on in the
   * background, a second apart and then further apart.
   */
  private truncateLog(): Promise<void> {
    return new Promise((done) => {
      const attempt = (tries: number): void => {
        const [result] = this.db.open ? (this.db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>) : [];
        if (!this.db.open || result?.busy === 0) return done();
        if (tries === 2) {
          process.emitWarning('The write-ahead log is busy after a purge; truncating it in the background.');
          done();
        }
        if (tries < 2) setTimeout(() => attempt(tries + 1), 20);
        // The background tries do not keep a stopping server alive.
        else setTimeout(() => attempt(tries + 1), Math.min(1000 * 2 ** (tries - 2), 60_000)).unref();
      };
      attempt(0);
    });
  }

  async loadUpdates(room: string): Promise<Uint8Array[]> {
    return this.q.loadUpdates.all(room).map((row) => new Uint8Array(row.data));
  }

  async appendUpdate(room: string, update: Uint8Array): Promise<void> {
    this.checkpointer.start();
    this.q.appendUpdate.run(room, Buffer.from(update.buffer, update.byteOffset, update.byteLength));
  }

  async appendUpdates(batch: ReadonlyArray<{ room: string; updates: readonly Uint8Array[] }>): Promise<void> {
    this.checkpointer.start();
    this.appendMany(batch);
  }

  async compact(room: string): Promise<number> {
    // A few rows at a time, folded in a worker thread (see Folder): the relay carries on meanwhile,
    // and memory stays about the document's size, not the log's.
    const fold = this.folds.begin();
    let last: number | null = null;
    try {
      for (let more = true; more; ) {
        // Up to COMPACT_ROWS_PER_READ rows or COMPACT_BYTES_PER_READ bytes, whichever comes first.
        const rows: Uint8Array[] = [];
        let bytes = 0;
        more = false;
        for (const row of this.q.loadAfter.iterate(room, last ?? 0, COMPACT_ROWS_PER_READ)) {
          rows.push(new Uint8Array(row.data));
          last = row.seq;
          bytes += row.data.byteLength;
          if (rows.length === COMPACT_ROWS_PER_READ || bytes >= COMPACT_BYTES_PER_READ) {
            more = true;
            break;
          }
        }
        if (rows.length > 0) await fold.add(rows);
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
    const upTo = last;
    this.db.transaction(() => {
      // Purged meanwhile (or compacted by another call): the rows folded are gone; write nothing back.
      if (!this.q.hasUpdate.get(room, upTo)) return;
      this.q.appendUpdate.run(room, Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength));
      this.q.deleteUpTo.run(room, upTo);
    })();
    return snapshot.byteLength;
  }

  async probe(): Promise<void> {
    this.q.probe.run(Date.now());
  }

  async close(): Promise<void> {
    await this.folds.close();
    await this.checkpointer.stop();
    if (this.db.open) this.db.close();
  }
}
