/** jobs: the local worker pool, the job runner, and the distributed (BullMQ) queue. */
export * from './pool.ts';
export * from './runner.ts';
export * from './task.ts';
