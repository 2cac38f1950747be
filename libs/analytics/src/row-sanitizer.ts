// Everything the store receives passes through here, so no caller value can make ClickHouse reject a
// batch: a rejected batch is retried or dead-lettered, but it should never happen for data we can fix.

/** A lone UTF-16 surrogate: JSON.stringify keeps it as `\ud800`, which ClickHouse refuses to parse. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** C0 controls and DEL, kept out of identifiers and names (bodies and messages keep them, escaped). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001F\u007F]/g;

/** Longest value per string column, in UTF-16 code units. */
export const COLUMN_LIMITS = {
  id: 256,
  name: 256,
  endpoint: 512,
  errorMessage: 8 * 1024,
  body: 64 * 1024,
} as const;

/** DateTime64(3) holds 1900..2299; an event outside 1970..2299 (or not a number) is stamped now. */
const MAX_TIMESTAMP_MS = Date.UTC(2299, 11, 31, 23, 59, 59, 999);

/** Valid UTF-16 (so valid UTF-8 on the wire): every lone surrogate becomes U+FFFD. */
export function wellFormed(s: string): string {
  return s.replace(LONE_SURROGATE, '\uFFFD');
}

/** At most `max` code units, never ending on half of a surrogate pair, and well formed. */
export function boundedText(s: string, max: number): string {
  let out = s;
  if (out.length > max) {
    out = out.slice(0, max);
    const last = out.charCodeAt(out.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) out = out.slice(0, -1);
  }
  return wellFormed(out);
}

/** For identifiers and names: bounded, well formed, control characters replaced. */
export function cleanName(v: unknown, max: number): string {
  const s = typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
  return boundedText(s, max).replace(CONTROL, '\uFFFD');
}

export function cleanOptionalName(v: unknown, max: number): string | null {
  return v === null || v === undefined ? null : cleanName(v, max);
}

/** For free text (messages, bodies): bounded and well formed; controls stay (JSON escapes them). */
export function cleanOptionalText(v: unknown, max: number): string | null {
  if (v === null || v === undefined) return null;
  return boundedText(typeof v === 'string' ? v : String(v), max);
}

/** A non-negative integer no larger than `max`: NaN, ±Infinity and negatives become 0. */
export function cleanCount(v: unknown, max = Number.MAX_SAFE_INTEGER): number {
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) && n > 0 ? Math.min(Math.round(n), max) : 0;
}

export function cleanOptionalCount(v: unknown, max = Number.MAX_SAFE_INTEGER): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? cleanCount(n, max) : null;
}

/** A finite Float64, else null (an unknown price). */
export function cleanOptionalFloat(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

/** Milliseconds since epoch within the column's range; anything else is stamped with `now`. */
export function cleanTimestamp(v: unknown, now = Date.now()): number {
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) && n >= 0 && n <= MAX_TIMESTAMP_MS ? Math.trunc(n) : now;
}
