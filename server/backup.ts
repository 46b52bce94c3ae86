import fs from 'node:fs';
import path from 'node:path';
import { configFromEnv } from './config.js';
import { Database } from './store/sqlite-driver.js';
import { DATABASE_FILE, DELETED_LEDGER } from './store/sqlite.js';

/**
 * `npm run backup -- <file>`: a consistent copy of the SQLite database, made while the server runs
 * (SQLite's online backup, through better-sqlite3's `backup()`), readable by the owner only.
 * With PostgreSQL, use pg_dump instead (docs/deployment.md).
 */
async function main(): Promise<void> {
  const config = configFromEnv();
  const target = process.argv[2];
  if (config.databaseUrl) {
    throw new Error('DATABASE_URL is set: the conferences are in PostgreSQL. Back them up with pg_dump (see docs/deployment.md).');
  }
  if (!target) throw new Error('Say where to write the backup: npm run backup -- <file>');
  const destination = path.resolve(target);
  if (fs.existsSync(destination)) throw new Error(`${destination} already exists: give a new file name, so no backup is overwritten.`);
  if (!fs.existsSync(path.dirname(destination))) throw new Error(`The folder ${path.dirname(destination)} does not exist.`);
  const source = path.join(config.dataDir, DATABASE_FILE);
  if (!fs.existsSync(source)) throw new Error(`There is no database at ${source}: check DATA_DIR.`);

  const db = new Database(source, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    let shown = -1;
    await db.backup(destination, {
      progress({ totalPages, remainingPages }) {
        const percent = totalPages === 0 ? 100 : Math.floor(((totalPages - remainingPages) / totalPages) * 100);
        if (percent >= shown + 10) {
          shown = percent;
          process.stdout.write(`Backing up… ${percent}%\n`);
        }
        // Pages per step: small steps let the server write in between.
        return 1000;
      },
    });
  } finally {
    db.close();
  }
  fs.chmodSync(destination, 0o600);
  const copy = new Database(destination, { readonly: true });
  const conferences = (copy.prepare('SELECT COUNT(*) AS n FROM conferences').get() as { n: number }).n;
  copy.close();
  const size = (fs.statSync(destination).size / (1024 * 1024)).toFixed(1);
  process.stdout.write(`Backed up ${conferences} conference(s) to ${destination} (${size} MB).\n`);
  process.stdout.write(
    `Keep it encrypted and delete it when your retention period ends. To restore it, see docs/deployment.md; keep ${DELETED_LEDGER} in the data folder, so conferences deleted after this backup are deleted again.\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`The backup was not made: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
