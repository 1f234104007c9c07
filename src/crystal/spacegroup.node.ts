/**
 * Node-only loader for the space-group tables: reads moyo's .wasm from node_modules and
 * instantiates it synchronously. Kept apart from spacegroup.ts so domain code never touches the
 * file system; call it once at program start (CLI, server, tests).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initSpaceGroupsSync, spaceGroupsReady } from './spacegroup.ts';

export function loadSpaceGroupsNode(): void {
  if (spaceGroupsReady()) return;
  const require = createRequire(import.meta.url);
  initSpaceGroupsSync(readFileSync(require.resolve('@spglib/moyo-wasm/moyo_wasm_bg.wasm')));
}
