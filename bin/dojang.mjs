#!/usr/bin/env node
// `npx dojang …`: runs src/cli.ts through tsx, the same TypeScript `npm start` runs.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
