/** Where the server finds its files, relative to the repository root (independent of the cwd). */
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const WEB_DIST_DIR = fileURLToPath(new URL('../../../web/dist/', import.meta.url));
export const EXAMPLES_DIR = fileURLToPath(new URL('../../../data/structures/', import.meta.url));
