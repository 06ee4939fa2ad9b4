// Where the browser bundle is built (scripts/build-web.ts): dist/web at the project's root.
import { fileURLToPath } from 'node:url';

export const WEB_ASSETS_DIR = fileURLToPath(new URL('../../../dist/web/', import.meta.url));
