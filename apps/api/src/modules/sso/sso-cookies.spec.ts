import { SecretBox } from '../../common/secret-box';
import {
  HANDOFF_COOKIE,
  LOGIN_COOKIE,
  clearCookie,
  parseCookies,
  seal,
  setCookie,
  unseal,
} from './sso-cookies';

const box = new SecretBox(Buffer.alloc(32, 7));
const NOW = 1_800_000_000_000;

describe('sealed SSO cookies', () => {
  it('round-trips a value for its purpose until it expires', () => {
    const sealed = seal(box, LOGIN_COOKIE, { state: 's' }, 60_000, NOW);
    expect(sealed).not.toContain('state');
    expect(unseal(box, LOGIN_COOKIE, sealed, NOW + 59_999)).toEqual({ state: 's' });
    expect(unseal(box, LOGIN_COOKIE, sealed, NOW + 60_000)).toBeUndefined();
  });

  it('refuses a value sealed for the other purpose, under another key, or altered', () => {
    const sealed = seal(box, LOGIN_COOKIE, 'x', 60_000, NOW);
    expect(unseal(box, HANDOFF_COOKIE, sealed, NOW)).toBeUndefined();
    expect(unseal(new SecretBox(Buffer.alloc(32, 8)), LOGIN_COOKIE, sealed, NOW)).toBeUndefined();
    const flipped = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(unseal(box, LOGIN_COOKIE, flipped, NOW)).toBeUndefined();
    expect(unseal(box, LOGIN_COOKIE, 'garbage', NOW)).toBeUndefined();
    expect(unseal(box, LOGIN_COOKIE, undefined, NOW)).toBeUndefined();
  });
});

describe('cookie headers', () => {
  it('writes HttpOnly, SameSite=Lax cookies scoped to a path, Secure on https', () => {
    expect(setCookie('a', 'v1:x+/=', 600_000, { path: '/auth/oidc', secure: true })).toBe(
      'a=v1%3Ax%2B%2F%3D; Path=/auth/oidc; Max-Age=600; HttpOnly; SameSite=Lax; Secure',
    );
    expect(clearCookie('a', { path: '/p', secure: false })).toBe(
      'a=; Path=/p; Max-Age=0; HttpOnly; SameSite=Lax',
    );
  });

  it('reads the first cookie of a name and ignores broken or prototype-named ones', () => {
    const cookies = parseCookies('a=1; b=%E0%A4; a=2; __proto__=x; c=v1%3Ay');
    expect(cookies.a).toBe('1');
    expect(cookies.b).toBeUndefined();
    expect(cookies.c).toBe('v1:y');
    expect(cookies.__proto__).toBe('x');
    expect(parseCookies(undefined)).toEqual({});
  });
});
