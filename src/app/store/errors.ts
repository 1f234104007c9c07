/**
 * Database failures the user can act on (unreachable server, read-only file, full disk, bad URL),
 * turned into one sentence. It is an InputError so the CLI exits with the bad-input code; the HTTP
 * server answers 503 for it and keeps serving.
 */
import { InputError } from '../../core/errors.ts';

export class DatabaseError extends InputError {
  constructor(problem: string, where: { field?: string; expected?: string; found?: string } = {}) {
    super(problem, where);
    this.name = 'DatabaseError';
  }
}

interface DriverError {
  code?: string;
  message?: string;
  errors?: DriverError[];
}

/** Maps a driver error to a DatabaseError when it is one the user can fix; otherwise returns it. */
export function explainDatabaseError(err: unknown, where: string): unknown {
  if (err instanceof InputError) return err;
  const e = (err ?? {}) as DriverError;
  const code = e.code ?? e.errors?.[0]?.code ?? '';
  const msg = e.message ?? '';
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_READONLY_DBMOVED' || /readonly database/i.test(msg))
    return new DatabaseError(`the database ${where} is read-only, so nothing can be stored`, {
      expected: 'a writable database file (check its permissions, or pass another file with --db)',
    });
  if (code === 'SQLITE_FULL' || code === '53100' || /disk is full|No space left/i.test(msg))
    return new DatabaseError(`the disk holding the database ${where} is full; nothing was stored`, {
      expected: 'free space on that disk',
    });
  if (code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'ENOTDIR')
    return new DatabaseError(`cannot open the database file ${where}`, {
      expected: 'a path to a writable file in an existing, writable directory',
    });
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
    return new DatabaseError(`${where} is not a natrium SQLite database (or it is damaged)`, {
      expected: 'a SQLite file created by natrium, or a new file name',
    });
  if (
    ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN'].includes(code) ||
    /timeout exceeded when trying to connect|Connection terminated/i.test(msg)
  )
    return new DatabaseError(`cannot reach the PostgreSQL server ${where} (${code || msg})`, {
      expected: 'a running server at that address (check NATRIUM_DATABASE_URL or --db)',
    });
  if (code === '28P01' || code === '28000')
    return new DatabaseError(`PostgreSQL refused the login for ${where}`, {
      expected: 'a valid user name and password in the URL',
    });
  if (code === '3D000')
    return new DatabaseError(`the PostgreSQL database in ${where} does not exist`, {
      expected: 'an existing database (create it with createdb)',
    });
  return err;
}
