// A throwaway Dojang key (2048-bit, for speed) in a temporary data directory.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateSigningKey } from '../signing-key.ts';
import type { SigningKey } from '../signing-key.ts';

export interface TestSigningKey {
  key: SigningKey;
  dataDir: string;
  remove: () => Promise<void>;
}

export async function makeTestSigningKey(organization = 'Dojang Test'): Promise<TestSigningKey> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dojang-seal-'));
  const key = await loadOrCreateSigningKey({ dataDir, organization, rsaBits: 2048 });
  return { key, dataDir, remove: () => rm(dataDir, { recursive: true, force: true }) };
}
