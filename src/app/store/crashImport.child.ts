/**
 * Child process of the durability test: imports every file of a folder into a project, printing
 * `stored <sha256>` after each import's transaction has committed. The test kills it with SIGKILL
 * part-way and checks the database. Usage: crashImport.child.ts DB PROJECT FOLDER
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from './store.ts';

const [db, project, folder] = process.argv.slice(2);
const store = await Store.open(db);
for (const name of readdirSync(folder).sort()) {
  const r = await store.importFile(project, { name, bytes: readFileSync(join(folder, name)) });
  process.stdout.write(`stored ${r.dataset.sha256}\n`);
}
await store.close();
