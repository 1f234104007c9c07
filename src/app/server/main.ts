/**
 * Entry point of `npm start`: serves the workbench and the API on PORT (default 8787), bound to
 * HOST (default 127.0.0.1, i.e. only this machine).
 */
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';

const port = Number(process.env.PORT ?? 8787);
const hostname = process.env.HOST ?? '127.0.0.1';

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be an integer from 0 to 65535 (found "${process.env.PORT}").`);
  process.exit(1);
}

const server = serve({ fetch: createApp().fetch, port, hostname }, (info) => {
  console.log(`natrium workbench: http://localhost:${info.port}`);
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
  process.on(signal, () => server.close(() => process.exit(0)));
}
