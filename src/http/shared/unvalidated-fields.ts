// Reading a request part that no schema has checked: a rate limit's key (counted before
// validation), the guard's company check, the envelope of an error answer, a body of several
// shapes. Whatever the client sent is narrowed step by step, never assumed.

/** A JSON object: not null, not an array, not a Buffer. */
export function isJsonObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/** The value at `path` (own keys only), or undefined when a step on the way is no JSON object. */
export function fieldAt(value: unknown, ...path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isJsonObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** The same as text, absent as "": a key built from it never fails on what a client sent. */
export const textAt = (value: unknown, ...path: readonly string[]): string => String(fieldAt(value, ...path) ?? '');
