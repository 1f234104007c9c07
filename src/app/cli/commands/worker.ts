import type { Command } from 'commander';
import { InputError } from '../../../core/errors.ts';
import { loadSpaceGroupsNode } from '../../../crystal/spacegroup.node.ts';
import { DEFAULT_LOCK_DURATION_MS, DEFAULT_QUEUE, startWorker } from '../../jobs/distributed.ts';
import { failWith, printJson } from '../output.ts';

export function register(program: Command): void {
  program
    .command('worker')
    .description('pull sweep chunks from the Redis queue and compute them until stopped (SIGINT/SIGTERM)')
    .option('--redis <url>', 'Redis URL (default $NATRIUM_REDIS_URL)')
    .option('--queue <name>', 'BullMQ queue name', DEFAULT_QUEUE)
    .option('--concurrency <n>', 'chunks computed at once in this process', '1')
    .option(
      '--lock-duration <ms>',
      "lock on a running chunk; a dead worker's chunk is retried after this",
      String(DEFAULT_LOCK_DURATION_MS),
    )
    .option('--json', 'on exit, print one JSON document (chunks processed) on stdout')
    .action(
      async (opts: {
        redis?: string;
        queue: string;
        concurrency: string;
        lockDuration: string;
        json?: boolean;
      }) => {
        try {
          const redisUrl = opts.redis ?? process.env.NATRIUM_REDIS_URL;
          if (!redisUrl)
            throw new InputError('no Redis server given', {
              field: '--redis',
              expected: 'redis://host:port or $NATRIUM_REDIS_URL',
            });
          const concurrency = Number(opts.concurrency);
          const lockDurationMs = Number(opts.lockDuration);
          if (!(Number.isInteger(concurrency) && concurrency >= 1))
            throw new InputError('not a positive integer', {
              field: '--concurrency',
              found: opts.concurrency,
            });
          if (!(Number.isFinite(lockDurationMs) && lockDurationMs >= 1000))
            throw new InputError('the lock must last at least 1000 ms', {
              field: '--lock-duration',
              found: opts.lockDuration,
            });
          loadSpaceGroupsNode();
          const w = await startWorker({
            redisUrl,
            queue: opts.queue,
            concurrency,
            lockDurationMs,
            log: (line) => process.stderr.write(`natrium worker: ${line}\n`),
          });
          process.stderr.write(`natrium worker: ready on ${opts.queue} (pid ${process.pid})\n`);
          const stop = async () => {
            await w.close();
            if (opts.json) printJson({ processedChunks: w.processed() });
            process.exit(0);
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        } catch (err) {
          failWith(err);
        }
      },
    );
}
