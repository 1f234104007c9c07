/**
 * What every browser test needs: the built workbench served in-process on an ephemeral loopback
 * port, and Debian's chromium (playwright-core, no browser download) with a fresh profile.
 * Without chromium the suites skip locally and fail on CI.
 */
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ServerType, serve } from '@hono/node-server';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { createApp } from '../src/app/server/app.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const ARTIFACTS = join(ROOT, 'e2e/artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);

if (!HAVE_CHROMIUM) {
  const why = `chromium not found at ${CHROMIUM} (install Debian's chromium or set CHROMIUM_PATH)`;
  if (process.env.CI) throw new Error(`e2e tests cannot run: ${why}.`);
  console.warn(`Skipping the browser tests: ${why}.`);
}

/** Flags for headless chromium on a machine with no network but loopback. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface Workbench {
  baseUrl: string;
  context: BrowserContext;
  page: Page;
  /** Uncaught errors of the page, collected for a final `toEqual([])`. */
  pageErrors: string[];
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  /** Page to open: the URL hash without '#' ('' = the first page). */
  hash?: string;
  /** The HTTP handler to serve; default `createApp().fetch`. */
  fetch?: (request: Request) => Response | Promise<Response>;
  viewport?: { width: number; height: number };
}

export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  if (!existsSync(join(ROOT, 'web/dist/index.html')))
    throw new Error('web/dist/index.html is missing: run `npm run build` before the e2e tests.');
  mkdirSync(ARTIFACTS, { recursive: true });
  const server: ServerType = serve({
    fetch: options.fetch ?? createApp().fetch,
    port: 0,
    hostname: '127.0.0.1',
  });
  if (!server.listening) await once(server, 'listening');
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const profileDir = mkdtempSync(join(tmpdir(), 'natrium-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1440, height: 1000 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(options.hash ? `${baseUrl}/#${options.hash}` : baseUrl);
  return {
    baseUrl,
    context,
    page,
    pageErrors,
    async close() {
      await context.close();
      await new Promise((resolve) => server.close(resolve));
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
