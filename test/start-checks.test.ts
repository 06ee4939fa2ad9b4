// What stops a start with a message naming the setting, instead of failing later, job by job.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config.ts';
import { startTestServer } from './support/dojang-server.ts';

describe('starting Dojang', () => {
  it("opens an operator's PKCS#12 at start: a missing file or a file that is not one stops it, naming DOJANG_SIGNING_P12", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dojang-p12-'));
    await expect(startTestServer('sqlite', { DOJANG_SIGNING_P12: path.join(dir, 'missing.p12'), DOJANG_SIGNING_P12_PASSWORD: 'x' })).rejects.toThrow(
      ConfigError,
    );
    await writeFile(path.join(dir, 'not.p12'), 'not a PKCS#12 file');
    await expect(startTestServer('sqlite', { DOJANG_SIGNING_P12: path.join(dir, 'not.p12'), DOJANG_SIGNING_P12_PASSWORD: 'x' })).rejects.toThrow(
      /DOJANG_SIGNING_P12/,
    );
  });
});
