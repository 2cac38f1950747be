// Checks applied to client input at the API's boundaries (proxy bodies, management DTOs), before
// anything recursive, Postgres or a response header sees it. See docs: "Input limits".

/**
 * Deepest nesting of objects and arrays accepted in a JSON body. Real requests stay far below
 * (a tool schema rarely passes 10); deeper input would overflow the stack of recursive code
 * (converters, token estimates, schema cleaning) further on.
 */
export const MAX_JSON_DEPTH = 128;

/**
 * Whether a parsed JSON value nests deeper than `limit` objects/arrays. Iterative (an explicit
 * stack, no recursion), stops at the first value past the limit.
 */
export function exceedsDepth(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  if (value === null || typeof value !== 'object') return false;
  const values: object[] = [value];
  const depths: number[] = [1];
  while (values.length > 0) {
    const current = values.pop()!;
    const depth = depths.pop()!;
    if (depth > limit) return true;
    const children = Array.isArray(current)
      ? current
      : Object.values(current as Record<string, unknown>);
    for (const child of children) {
      if (child !== null && typeof child === 'object') {
        values.push(child as object);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one (code units).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The text with each lone surrogate replaced by U+FFFD (what `String.prototype.toWellFormed` does). */
export function toWellFormed(s: string): string {
  return s.replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD');
}

/** What makes a text unfit for storage: Postgres rejects NUL in text and lone surrogates in jsonb. */
export function textProblem(s: string): string | undefined {
  if (s.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(s)) return 'must be well-formed Unicode (no lone surrogates)';
  return undefined;
}

/**
 * The first string (object key or value) in a parsed JSON value that Postgres would reject, with
 * its path; also rejects nesting deeper than MAX_JSON_DEPTH. Iterative, like `exceedsDepth`.
 */
export function findUnstorableText(value: unknown): { path: string; message: string } | undefined {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) return { path: path.join('.'), message: problem };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (path.length >= MAX_JSON_DEPTH) {
      return { path: path.join('.'), message: `nests deeper than ${MAX_JSON_DEPTH} levels` };
    }
    for (const [key, child] of Object.entries(current as Record<string, unknown>)) {
      const childPath = [...path, key];
      const problem = textProblem(key);
      if (problem) return { path: childPath.join('.'), message: `key ${problem}` };
      stack.push({ value: child, path: childPath });
    }
  }
  return undefined;
}

/** `Object.hasOwn` lookup: a user-chosen key such as `constructor` never reaches the prototype. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
