/**
 * Test helpers: the databases a store test-suite runs against. SQLite always (a temporary file);
 * PostgreSQL when NATRIUM_TEST_DATABASE_URL names a server (each suite gets its own throwaway
 * database). On CI (`CI` set) a missing server is a failure, not a skip.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestDb {
  name: 'sqlite' | 'postgres';
  /** The value to pass as `--db` / `Store.open(db)`. */
  url: string;
  cleanup(): Promise<void>;
}

export const TEST_PG_URL = process.env.NATRIUM_TEST_DATABASE_URL;
export const TEST_REDIS_URL = process.env.NATRIUM_TEST_REDIS_URL;

/** Throws on CI when a server the tests need is not configured; warns and returns false locally. */
export function requireServer(envVar: string, present: boolean, what: string): boolean {
  if (present) return true;
  const why = `${envVar} is not set, so the ${what} tests cannot run`;
  if (process.env.CI) throw new Error(`${why} (.ci/run starts the server and sets it).`);
  console.warn(`Skipping: ${why}.`);
  return false;
}

export async function sqliteTestDb(): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'natrium-store-'));
  return {
    name: 'sqlite',
    url: join(dir, 'natrium.db'),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A fresh PostgreSQL database on the test server, dropped by cleanup(). */
export async function postgresTestDb(serverUrl: string): Promise<TestDb> {
  const dbName = `natrium_t_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${dbName}`;
  return {
    name: 'postgres',
    url: u.toString(),
    cleanup: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await c.end();
    },
  };
}
