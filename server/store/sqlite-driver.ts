import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * Which build of better-sqlite3 this Node can run. Version 13 (Node-API, prebuilt in the package)
 * is the one for Node 22 and 24: version 12 compiled against Node 24.19's headers or later aborts
 * the process when the garbage collector frees a statement. Version 13 does not load on Node 20,
 * so there the optional dependency `better-sqlite3-node20` (version 12, compiled at install) is
 * used. Drop it, and this choice, with Node 20.
 */
export const sqliteModule = Number(process.versions.node.split('.')[0]) >= 22 ? 'better-sqlite3' : 'better-sqlite3-node20';

const require = createRequire(import.meta.url);

/** The Database class of that build (the two builds have the same API). */
export const Database = loadDriver();
export type Database = BetterSqlite3.Database;

function loadDriver(): typeof BetterSqlite3 {
  try {
    return require(sqliteModule) as typeof BetterSqlite3;
  } catch (err) {
    throw new Error(
      `The SQLite driver (${sqliteModule}) for Node ${process.versions.node} is not installed: run \`npm install\` with this Node. (${err instanceof Error ? err.message : String(err)})`,
      { cause: err },
    );
  }
}

/** The driver's entry file, for worker threads that open the same database. */
export function sqliteModulePath(): string {
  return require.resolve(sqliteModule);
}
