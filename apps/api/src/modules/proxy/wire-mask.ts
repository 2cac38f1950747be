// Credentials must never leave the gateway in a wire capture. Headers: the providers' own auth headers
// (authorization, x-api-key, x-goog-api-key, Azure's api-key) and anything named like a key, token,
// secret or cookie; rate-limit headers such as `anthropic-ratelimit-tokens-remaining` stay readable.
const SECRET_HEADER = /(^|-)(authorization|auth|key|api-key|apikey|token|secret|password|cookie)$/i;
const SECRET_PARAM = /^(key|api[-_]?key|.*token|.*secret|password|sig|signature)$/i;
const MASK = '••••';

/** A secret shown by its last 4 characters when long enough to stay secret that way (as `key_last4`). */
export function maskSecret(value: string): string {
  const scheme = /^(Bearer|Basic|Token)\s+/i.exec(value);
  const secret = scheme ? value.slice(scheme[0].length) : value;
  const shown = secret.length >= 20 ? MASK + secret.slice(-4) : MASK;
  return scheme ? scheme[0] + shown : shown;
}

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADER.test(name);
}

/** Header values as strings, credentials masked. */
export function maskHeaders(
  headers: Record<string, string | string[] | number | undefined> | null | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.join(', ') : String(raw);
    out[name.toLowerCase()] = isSecretHeader(name) ? maskSecret(value) : value;
  }
  return out;
}

/** The URL with secret query parameters (`?key=`, `?access_token=`, …) masked; the rest as it was. */
export function maskUrl(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq === -1 ? pair : pair.slice(0, eq);
      return SECRET_PARAM.test(safeDecode(name)) ? `${name}=${MASK}` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${query}`;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
