import { InvalidRequestError } from '../canonical/errors';

export type Json = Record<string, unknown>;

export function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function asRecord(v: unknown): Json {
  return isRecord(v) ? v : {};
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A string with at least one character, else undefined. */
export function nonEmpty(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function requireRecord(v: unknown, what: string): Json {
  if (!isRecord(v)) throw new InvalidRequestError(`${what} must be a JSON object`);
  return v;
}

/** Parses JSON text, returning undefined instead of throwing. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Tool arguments as an object: invalid JSON is kept under `arguments` rather than invented. */
export function argumentsToObject(args: string): Json {
  if (args.trim() === '') return {};
  const parsed = tryParseJson(args);
  return isRecord(parsed) ? parsed : { arguments: args };
}

/**
 * `o` without its undefined values, so golden files and upstream bodies stay minimal. Copies instead
 * of deleting: `delete` turns an object into a slow dictionary (every later read, and the
 * JSON.stringify of the body, pays for it). Returns `o` itself when nothing is undefined.
 */
export function compact<T extends Json>(o: T): T {
  let clean = true;
  for (const k in o) {
    if (o[k] === undefined) {
      clean = false;
      break;
    }
  }
  if (clean) return o;
  const out = {} as Json;
  for (const k in o) if (o[k] !== undefined) out[k] = o[k];
  return out as T;
}

/** The first of `values` that is a number (no coercion of numeric strings: a client's own field). */
export function pickNumber(...values: unknown[]): number | undefined {
  return values.find((v): v is number => typeof v === 'number');
}

/** `value` lowered to `cap` when it is a number, else `cap`. */
export function cappedNumber(value: unknown, cap: number): number {
  return typeof value === 'number' ? Math.min(value, cap) : cap;
}
