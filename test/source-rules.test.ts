// Rules the source keeps that no compiler checks: job payloads are read through their queue's
// schema, never cast; the browser's code and the domain import nothing of the server; the
// repository stands alone (no reference to documents outside it, no issue numbers in place of an
// explanation).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
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

interface Import {
  /** A repository path for a relative import (`src/domain/fields.ts`), else the package's name. */
  module: string;
  relative: boolean;
}

/** Every module a file imports: statically, dynamically or for its side effects. */
function importsOf(file: string): Import[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return []; // listed but deleted in the working tree
  }
  return [...text.matchAll(/\b(?:from\s*|import\s*\(?\s*)['"]([^'"]+)['"]/g)].map((m) => {
    const specifier = m[1]!;
    const relative = specifier.startsWith('.');
    return { module: relative ? path.posix.join(path.posix.dirname(file), specifier) : specifier, relative };
  });
}

/** `file → module` for each import `allowed` refuses. */
function importsOutside(files: string[], allowed: (imported: Import) => boolean): string[] {
  return files.flatMap((file) =>
    importsOf(file)
      .filter((imported) => !allowed(imported))
      .map((imported) => `${file} → ${imported.module}`),
  );
}

/** The shapes of what the APIs answer, which the browser's code reads: types over the domain's. */
const isAnswers = (file: string) => file.startsWith('src/') && file.endsWith('-answers.ts');

describe('the source', () => {
  it('reads job payloads through their queue, never with a cast', () => {
    const sources = tracked().filter((file) => file.startsWith('src/') && file.endsWith('.ts') && !file.endsWith('.test.ts'));
    expect(offending(sources, /JSON\.parse\([^)]*payload[^)]*\)\s*as\b/)).toEqual([]);
  });

  it("keeps the browser's code apart: src/web imports only src/web, the domain and the answers (*-answers.ts)", () => {
    // tsconfig.web.json compiles it without Node; this says which of the server's modules it may read.
    const web = tracked().filter((file) => file.startsWith('src/web/') && file.endsWith('.ts') && !file.endsWith('.test.ts'));
    expect(web.length).toBeGreaterThan(0);
    const allowed = ({ module, relative }: Import) =>
      relative ? module.startsWith('src/web/') || module.startsWith('src/domain/') || isAnswers(module) : !module.startsWith('node:');
    expect(importsOutside(web, allowed)).toEqual([]);
    // The answers themselves are types over the domain's (and TypeBox's), so they take nothing of the server along.
    const answers = tracked().filter(isAnswers);
    expect(answers.length).toBeGreaterThan(0);
    expect(importsOutside(answers, ({ module, relative }) => (relative ? module.startsWith('src/domain/') : module === 'typebox'))).toEqual([]);
  });

  it('keeps the domain pure: src/domain imports nothing from outside it', () => {
    const domain = tracked().filter((file) => file.startsWith('src/domain/') && file.endsWith('.ts') && !file.endsWith('.test.ts'));
    expect(importsOutside(domain, ({ module, relative }) => relative && module.startsWith('src/domain/'))).toEqual([]);
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
