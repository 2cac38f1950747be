import { toWellFormed } from '../../common/input-guards';

// Response header values the gateway builds from request data (model names, dropped parameter
// names). Node throws ERR_INVALID_CHAR on a control or non-Latin-1 character, and a header past
// the client's limit (16 KB in Node and most SDKs) breaks the response: neither may happen after
// the upstream already answered (and billed) the request.

/** Longest value of one gateway-made header. */
export const MAX_HEADER_VALUE = 512;

// Printable ASCII only: what every client reads back unchanged.
const PRINTABLE = /^[\x20-\x7e]*$/;
// RFC 9110 token characters: the shape of a real parameter name.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const MAX_PARAM_NAME = 64;

/**
 * A value safe for a response header: printable ASCII kept as is, anything else percent-encoded
 * (`encodeURIComponent`, which a lone surrogate cannot pass, so those become U+FFFD first); cut to
 * `max` characters, marked with a trailing `…` written as `...`.
 */
export function headerSafe(value: string, max = MAX_HEADER_VALUE): string {
  let safe = PRINTABLE.test(value) ? value : encodeURIComponent(toWellFormed(value));
  if (safe.length > max) safe = `${safe.slice(0, max - 3)}...`;
  return safe;
}

/**
 * `x-gateway-dropped-params`: the names that look like parameters (token characters, at most 64),
 * comma-separated up to `max` characters; what is left out is counted, `(+N more)`.
 */
export function droppedParamsHeader(names: readonly string[], max = MAX_HEADER_VALUE): string {
  const listed: string[] = [];
  let length = 0;
  for (const name of names) {
    if (name.length > MAX_PARAM_NAME || !TOKEN.test(name)) continue;
    if (length + name.length + 1 > max - 16) break;
    listed.push(name);
    length += name.length + 1;
  }
  const rest = names.length - listed.length;
  return rest > 0 ? `${[...listed, `(+${rest} more)`].join(',')}` : listed.join(',');
}
