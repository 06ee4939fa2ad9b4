// A route's request parts are typed by its schema (the TypeBox type provider), never cast: a cast
// (`request.body as X`) is a second description of the body that can drift from the schema that
// validates it. Code that reads a part no schema has checked narrows it with
// src/http/shared/unvalidated-fields.ts instead. Every .ts file under src/ is read.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/**
 * `request.body as`, `(request.params as`, `req.query as`, `(request.body) as`, `request?.headers as`,
 * `request.body! as`, across spaces, line breaks and closing parentheses; `as const` is no cast.
 */
const REQUEST_PART_CAST = /\b(?:request|req)\s*\??\.\s*(?:body|params|query|headers)\b[\s)!]*\bas\b(?!\s+const\b)/g;

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(full);
    return entry.isFile() && entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** `file:line: the line` for each cast in a file's text. */
function castsIn(file: string, text: string): string[] {
  return [...text.matchAll(REQUEST_PART_CAST)].map((match) => {
    const line = text.slice(0, match.index).split('\n').length;
    return `${file}:${line}: ${text.split('\n')[line - 1]!.trim()}`;
  });
}

describe('typed routes', () => {
  it('recognises the casts it looks for', () => {
    const casts = [
      'const body = request.body as { name: string };',
      'const id = (request.params as { id: string }).id;',
      'const q = req.query as Query;',
      'const h = (request.headers) as Record<string, string>;',
      'const b = request\n  .body as unknown;',
      'const t = (request?.query as { token?: string })?.token;',
      'const x = request.body as unknown as X;',
      'const y = request.body! as Y;',
    ];
    for (const text of casts) expect(castsIn('sample.ts', text), text).toHaveLength(1);
    const fine = [
      'const { body } = request;',
      'const values = [request.body.fields] as const;',
      'const payload = JSON.parse(job.payload) as ExportJob;',
      'const own = myrequest.body as X;',
      'const query = request.queryString as string;',
    ];
    for (const text of fine) expect(castsIn('sample.ts', text), text).toEqual([]);
  });

  it('casts no request part anywhere under src/', () => {
    const files = typeScriptFiles(SRC);
    expect(files.length).toBeGreaterThan(100);
    const casts = files.flatMap((file) => castsIn(path.relative(path.join(SRC, '..'), file), readFileSync(file, 'utf8')));
    expect(casts, `request parts cast instead of typed by the route's schema:\n${casts.join('\n')}`).toEqual([]);
  });
});
