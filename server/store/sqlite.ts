import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { isAccessRole } from '../../shared/model/index.js';
import type { ConferenceRecord, ConferenceStore, TokenRecord } from './store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS conferences (
  id TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  locked_at INTEGER
);
CREATE TABLE IF NOT EXISTS tokens (
  conference_id TEXT NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  hash BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER,
  PRIMARY KEY (conference_id, hash)
);
CREATE TABLE IF NOT EXISTS updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  room TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS updates_by_room ON updates (room, seq);
`;

/**
 * The embedded store: one SQLite file, `conference-board.sqlite`, in DATA_DIR.
 * WAL mode with synchronous=NORMAL: a committed update survives a crash of the server process
 * (kill -9); only a power cut of the whole machine can lose the last few commits.
 */
export class SqliteStore implements ConferenceStore {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly stmts;

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    this.file = path.join(dataDir, 'conference-board.sqlite');
    this.db = new Database(this.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    // Deleted content is overwritten with zeros, so a purge leaves nothing readable in the file.
    this.db.pragma('secure_delete = ON');
    this.db.exec(SCHEMA);
    this.stmts = {
      insertConference: this.db.prepare('INSERT INTO conferences (id, created_at, locked_at) VALUES (?, ?, ?)'),
      insertToken: this.db.prepare('INSERT INTO tokens (conference_id, role, hash, created_at) VALUES (?, ?, ?, ?)'),
      getConference: this.db.prepare<[string], { id: string; created_at: number; locked_at: number | null }>(
        'SELECT id, created_at, locked_at FROM conferences WHERE id = ?',
      ),
      tokensFor: this.db.prepare<[string], { role: string; hash: Buffer; revoked_at: number | null }>(
        'SELECT role, hash, revoked_at FROM tokens WHERE conference_id = ?',
      ),
      loadUpdates: this.db.prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE room = ? ORDER BY seq'),
      appendUpdate: this.db.prepare('INSERT INTO updates (room, data) VALUES (?, ?)'),
      maxSeq: this.db.prepare<[string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM updates WHERE room = ?'),
      deleteUpTo: this.db.prepare('DELETE FROM updates WHERE room = ? AND seq <= ?'),
    };
  }

  createConference(conference: ConferenceRecord, tokens: Array<{ role: string; hash: Buffer }>, room: string, initialUpdate: Uint8Array): void {
    this.db.transaction(() => {
      this.stmts.insertConference.run(conference.id, conference.createdAt, conference.lockedAt);
      for (const token of tokens) this.stmts.insertToken.run(conference.id, token.role, token.hash, conference.createdAt);
      this.stmts.appendUpdate.run(room, Buffer.from(initialUpdate));
    })();
  }

  getConference(id: string): ConferenceRecord | null {
    const row = this.stmts.getConference.get(id);
    return row ? { id: row.id, createdAt: row.created_at, lockedAt: row.locked_at } : null;
  }

  tokensFor(conferenceId: string): TokenRecord[] {
    return this.stmts.tokensFor
      .all(conferenceId)
      .flatMap((row) => (isAccessRole(row.role) ? [{ role: row.role, hash: row.hash, revokedAt: row.revoked_at }] : []));
  }

  async loadUpdates(room: string): Promise<Uint8Array[]> {
    return this.stmts.loadUpdates.all(room).map((row) => new Uint8Array(row.data));
  }

  appendUpdate(room: string, update: Uint8Array): void {
    this.stmts.appendUpdate.run(room, Buffer.from(update.buffer, update.byteOffset, update.byteLength));
  }

  compact(room: string, snapshot: Uint8Array): void {
    this.db.transaction(() => {
      const upTo = this.stmts.maxSeq.get(room)?.seq;
      this.stmts.appendUpdate.run(room, Buffer.from(snapshot));
      if (upTo != null) this.stmts.deleteUpTo.run(room, upTo);
    })();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
