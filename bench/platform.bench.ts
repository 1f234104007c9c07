/**
 * Platform benchmarks: importing 1 000 small files and one 10⁶-row cycler file into a SQLite
 * store, and the API throughput of a cached XRD request (POST /api/ops/xrd.pattern) under 50
 * concurrent clients on loopback.
 */
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { createApp } from '../src/app/server/app.ts';
import { Store } from '../src/app/store/store.ts';
import type { BenchCase } from './run.ts';

const SMALL_FILES = 1000;
const CYCLER_ROWS = 1_000_000;
const CLIENTS = 50;
const REQUESTS_PER_CLIENT = 20;

const dir = mkdtempSync(join(tmpdir(), 'natrium-bench-platform-'));
let store: Store;
let run = 0;
const smallFiles = Array.from({ length: SMALL_FILES }, (_, f) => ({
  name: `scan${f}.xy`,
  bytes: Buffer.from(
    Array.from({ length: 20 }, (_, i) => `${10 + i} ${Math.sin(f + i).toFixed(6)}`).join('\n'),
  ),
}));
let cyclerFile: Buffer;

function makeCyclerFile(rows: number): Buffer {
  // Arbin-style header (as in the BEEP fixtures); a constant-current charge/discharge saw-tooth.
  const lines = ['Data_Point,Test_Time,Step_Index,Cycle_Index,Current,Voltage'];
  for (let i = 0; i < rows; i++) {
    const cycle = Math.floor(i / 2000);
    const charging = i % 2000 < 1000;
    const v = charging ? 3.0 + (i % 1000) * 0.0012 : 4.2 - (i % 1000) * 0.0012;
    lines.push(
      `${i},${(i * 10).toFixed(1)},${charging ? 1 : 2},${cycle},${charging ? 0.5 : -0.5},${v.toFixed(4)}`,
    );
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

let server: ServerType;
let url: string;
const cif = readFileSync(new URL('../test/fixtures/platform/Silicon.cif', import.meta.url), 'utf8');

export const cases: BenchCase[] = [
  {
    name: `store: import ${SMALL_FILES} small .xy files (SQLite, one transaction each)`,
    iterations: 1,
    async setup() {
      store ??= await Store.open(join(dir, 'bench.db'));
    },
    run: async () => {
      const p = await store.createProject(`small-${run++}`);
      for (const f of smallFiles) await store.importFile(p.id, f);
    },
  },
  {
    name: `store: import one ${CYCLER_ROWS.toExponential(0)}-row cycler CSV (parse + columnar store)`,
    iterations: 1,
    async setup() {
      store ??= await Store.open(join(dir, 'bench.db'));
      cyclerFile ??= makeCyclerFile(CYCLER_ROWS);
      this.note = `${(cyclerFile.byteLength / 1e6).toFixed(0)} MB of text`;
    },
    run: async () => {
      const p = await store.createProject(`cycler-${run++}`);
      const r = await store.importFile(p.id, { name: 'cycler.csv', bytes: cyclerFile });
      if (r.dataset.columns[0]?.length !== CYCLER_ROWS) throw new Error('wrong row count');
    },
  },
  {
    name: `API: cached XRD (POST /api/ops/xrd.pattern), ${CLIENTS} concurrent clients × ${REQUESTS_PER_CLIENT}`,
    iterations: 3,
    async setup() {
      if (!server) {
        server = serve({ fetch: createApp().fetch, port: 0, hostname: '127.0.0.1' });
        if (!server.listening) await once(server, 'listening');
        url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/ops/xrd.pattern`;
        await fetch(url, { method: 'POST', body: JSON.stringify({ cif }) }).then((r) => r.text());
        server.unref();
      }
      this.note = `${CLIENTS * REQUESTS_PER_CLIENT} requests per run; requests/s = ${CLIENTS * REQUESTS_PER_CLIENT} / mean time`;
    },
    run: async () => {
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          for (let i = 0; i < REQUESTS_PER_CLIENT; i++) {
            const r = await fetch(url, { method: 'POST', body: JSON.stringify({ cif }) });
            if (!r.ok) throw new Error(`HTTP ${r.status}`);
            await r.arrayBuffer();
          }
        }),
      );
    },
  },
];
