// Entry file of the piscina worker threads: worker threads do not inherit the TypeScript loader,
// so register tsx here, then load the TypeScript job function.
import { register } from 'tsx/esm/api';

register();
const { poolTask } = await import('./poolWorker.ts');
export default poolTask;
