// Rules the source keeps that no compiler checks: job payloads are read through their queue's
// schema, never cast; the repository stands alone (no reference to documents outside it, no
// issue numbers in place of an explanation).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const tracked = (): string[] => execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { encoding: 'utf8' }).split('\n').filter(Boolean);

function offending(files: string[], pattern: RegExp): string[] {
  const found: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue; // listed but deleted in the working tree
    }
    text.split('\n').forEach((line, i) => {
      if (pattern.test(line)) found.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`);
    });
  }
  return found;
}

describe('the source', () => {
  it('reads job payloads through their queue, never with a cast', () => {
    const sources = tracked().filter((file) => file.startsWith('src/') && file.endsWith('.ts') && !file.endsWith('.test.ts'));
    expect(offending(sources, /JSON\.parse\([^)]*payload[^)]*\)\s*as\b/)).toEqual([]);
  });

  it('stands alone: no document outside the repository, no issue numbers', () => {
    // Text files only (this one names what it looks for); the container test may call the
    // machine's base-image script beside the checkout.
    const files = tracked().filter(
      (file) =>
        /\.(ts|mts|mjs|js|md|json|yaml|yml|sh|css|html)$|Dockerfile$|^\.ci\//.test(file) &&
        file !== 'package-lock.json' &&
        !file.startsWith('test/container/') &&
        file !== 'test/source-rules.test.ts',
    );
    expect(offending(files, /\.\.\/shared\/(SPEC|seed|reference|STYLE|DEPENDENCIES|container)|\bSPEC\b|[Ii]ssue\s+#?\d+/)).toEqual([]);
  });
});
