// A PDF worker thread's entry (pdf-pool.ts starts it): Dojang's TypeScript is loaded through
// tsx's require hook, which works inside worker threads on every Node version Dojang runs on
// (module loader hooks given to the main thread do not reach workers on Node 20).
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';

register();
// pdf-lib warns on the console about each odd object it skips; a hostile file has thousands.
console.warn = () => {};
const require = createRequire(import.meta.url);
export default require('./pdf-tasks.ts').default;
