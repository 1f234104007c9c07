/**
 * Entry point of `npm start`: serves the workbench and the API on PORT (default 8787), bound to
 * HOST (default 127.0.0.1, i.e. only this machine). The project database is NATRIUM_DATABASE_URL
 * (PostgreSQL) or the SQLite file ./.natrium/natrium.db; jobs run on a local worker-thread pool, and
 * sweeps also on BullMQ workers when NATRIUM_REDIS_URL is set.
 */
import { serve } from '@hono/node-server';
import { LocalPool } from '../jobs/pool.ts';
import { JobRunner } from '../jobs/runner.ts';
import { Store } from '../store/store.ts';
import { createApp } from './app.ts';

const port = Number(process.env.PORT ?? 8787);
const hostname = process.env.HOST ?? '127.0.0.1';

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be an integer from 0 to 65535 (found "${process.env.PORT}").`);
  process.exit(1);
}

let store: Store;
try {
  store = await Store.open();
} catch (err) {
  console.error(`The server could not open its database: ${(err as Error).message}`);
  process.exit(1);
}
const pool = new LocalPool();
// With NATRIUM_REDIS_URL, sweeps may also be submitted with mode 'distributed' (chunks on BullMQ,
// computed by `natrium worker`s); Redis is contacted per run, so a down Redis fails only that job.
const redisUrl = process.env.NATRIUM_REDIS_URL || undefined;
const runner = new JobRunner(store, pool, { distributed: redisUrl ? { redisUrl } : undefined });
const interrupted = await runner.recoverInterrupted();
if (interrupted) console.log(`${interrupted} job(s) interrupted by the last shutdown are marked failed.`);

const server = serve({ fetch: createApp({ platform: { store, runner } }).fetch, port, hostname }, (info) => {
  console.log(`natrium workbench: http://localhost:${info.port} (database ${store.location.display})`);
  if (redisUrl) console.log(`distributed sweeps: BullMQ queue on ${redisUrl.replace(/\/\/[^@/]*@/, '//…@')}`);
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(
    err.code === 'EADDRINUSE'
      ? `Port ${port} is already in use; set PORT to another port (e.g. PORT=8788 npm start).`
      : `The server could not start: ${err.message}`,
  );
  process.exit(1);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () =>
    server.close(async () => {
      await pool.close().catch(() => {});
      await store.close().catch(() => {});
      process.exit(0);
    }),
  );
}
