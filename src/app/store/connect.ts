/**
 * Opening the database: a SQLite file (default `./.natrium/natrium.db`, WAL journal) or PostgreSQL by
 * URL (`postgres://…`). Migrations run on open, so every process sees the current schema.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { DatabaseError, explainDatabaseError } from './errors.ts';
import { type Dialect, migrateToLatest } from './migrations.ts';
import type { Database } from './schema.ts';

export const DEFAULT_SQLITE_FILE = '.natrium/natrium.db';
/** How long to wait for a PostgreSQL connection before saying it is unreachable (ms). */
const PG_CONNECT_TIMEOUT_MS = 5000;
/** How long a SQLite writer waits for another process's lock before failing (ms). */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

export interface DbLocation {
  dialect: Dialect;
  /** File path (SQLite) or URL (PostgreSQL), as shown in messages (password removed). */
  display: string;
  target: string;
}

/** `--db` value, else NATRIUM_DATABASE_URL, else the default SQLite file. */
export function resolveDbLocation(db?: string, env: NodeJS.ProcessEnv = process.env): DbLocation {
  const raw = db || env.NATRIUM_DATABASE_URL || DEFAULT_SQLITE_FILE;
  if (/^postgres(ql)?:\/\//i.test(raw)) {
    let display: string;
    try {
      const u = new URL(raw);
      if (u.password) u.password = '***';
      display = u.toString();
    } catch {
      throw new DatabaseError('the database URL is not a valid URL', {
        field: 'NATRIUM_DATABASE_URL',
        expected: 'postgres://user:password@host:port/database',
        found: raw.replace(/:[^:@/]*@/, ':***@'),
      });
    }
    return { dialect: 'postgres', display, target: raw };
  }
  const file = resolve(raw.replace(/^sqlite:(\/\/)?/i, ''));
  return { dialect: 'sqlite', display: file, target: file };
}

export interface OpenOptions {
  /** Open SQLite read-only (for inspection; writes then fail with a clear DatabaseError). */
  readonly?: boolean;
}

export interface Connection {
  db: Kysely<Database>;
  location: DbLocation;
  close(): Promise<void>;
}

export async function openConnection(location: DbLocation, options: OpenOptions = {}): Promise<Connection> {
  const db = location.dialect === 'postgres' ? openPostgres(location) : openSqlite(location, options);
  try {
    if (!options.readonly) await migrateToLatest(db as Kysely<unknown>, location.dialect);
  } catch (err) {
    await db.destroy().catch(() => {});
    throw explainDatabaseError(unwrapMigration(err), location.display);
  }
  return { db, location, close: () => db.destroy() };
}

function unwrapMigration(err: unknown): unknown {
  const cause = (err as { cause?: unknown })?.cause;
  return cause && typeof cause === 'object' && 'code' in cause ? cause : err;
}

function openSqlite(location: DbLocation, options: OpenOptions): Kysely<Database> {
  let native: SQLite.Database;
  try {
    if (!options.readonly) mkdirSync(dirname(location.target), { recursive: true });
    native = new SQLite(location.target, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
    });
    native.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    if (!options.readonly) native.pragma('journal_mode = WAL');
    // FULL: a transaction reported committed survives power loss, not only a process crash.
    native.pragma('synchronous = FULL');
    native.pragma('foreign_keys = ON');
  } catch (err) {
    throw explainDatabaseError(err, location.display);
  }
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: native }) });
}

function openPostgres(location: DbLocation): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: location.target,
    connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
    max: 10,
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
