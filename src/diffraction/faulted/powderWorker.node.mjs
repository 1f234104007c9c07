// Entry file of the faulted-powder worker threads (piscina): worker threads do not inherit the
// TypeScript loader, so register tsx here, then load the TypeScript task (as src/app/jobs does).
import { register } from 'tsx/esm/api';

register();
const { orbitTask } = await import('./powderWorker.ts');
export default orbitTask;
