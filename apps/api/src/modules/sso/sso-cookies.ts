import type { SecretBox } from '../../common/secret-box';

/** The login's state, nonce and PKCE verifier, from /auth/oidc/login to the callback. */
export const LOGIN_COOKIE = 'gw_oidc_login';
/** The new session, from the callback to the dashboard's POST /auth/oidc/exchange. */
export const HANDOFF_COOKIE = 'gw_oidc_session';

export const LOGIN_TTL_MS = 10 * 60_000;
export const HANDOFF_TTL_MS = 2 * 60_000;

type Purpose = typeof LOGIN_COOKIE | typeof HANDOFF_COOKIE;

/** Cookie header → name/value map (null prototype: a cookie named `__proto__` is just a name). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (name in out) continue; // the most specific path comes first
    try {
      out[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      // not ours: undecodable
    }
  }
  return out;
}

export interface CookieScope {
  path: string;
  secure: boolean;
}

/** HttpOnly and SameSite=Lax: sent on the provider's redirect back (a top-level GET), never to scripts. */
export function setCookie(name: string, value: string, ttlMs: number, scope: CookieScope): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${scope.path}`,
    `Max-Age=${Math.floor(ttlMs / 1000)}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(scope.secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearCookie(name: string, scope: CookieScope): string {
  return setCookie(name, '', 0, scope);
}

/**
 * Encrypts and authenticates a value under the encryption key (AES-256-GCM), with its purpose and
 * expiry inside: a login cookie can never be replayed as a session hand-off, nor either after expiry.
 */
export function seal(
  box: SecretBox,
  purpose: Purpose,
  data: unknown,
  ttlMs: number,
  now: number,
): string {
  return box.encrypt(JSON.stringify({ p: purpose, exp: now + ttlMs, d: data }));
}

/** The sealed value, or undefined when it is missing, forged, for another purpose or expired. */
export function unseal(
  box: SecretBox,
  purpose: Purpose,
  sealed: string | undefined,
  now: number,
): unknown {
  if (!sealed) return undefined;
  try {
    const { p, exp, d } = JSON.parse(box.decrypt(sealed)) as {
      p?: unknown;
      exp?: unknown;
      d?: unknown;
    };
    return p === purpose && typeof exp === 'number' && exp > now ? d : undefined;
  } catch {
    return undefined;
  }
}
