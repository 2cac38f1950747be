import { request, type Dispatcher } from 'undici';

interface StoredCookie {
  name: string;
  value: string;
  host: string;
  path: string;
  expiresAt: number;
}

/** Cookies the way a browser keeps them: per host (any port) and path, with Max-Age and HttpOnly ignored. */
export class CookieJar {
  private cookies: StoredCookie[] = [];

  store(url: URL, setCookie: string | string[] | undefined): void {
    for (const line of [setCookie ?? []].flat()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const cookie: StoredCookie = {
        name: pair.slice(0, eq).trim(),
        value: pair.slice(eq + 1).trim(),
        host: url.hostname,
        path: url.pathname.replace(/\/[^/]*$/, '') || '/',
        expiresAt: Infinity,
      };
      for (const attr of attrs) {
        const [k, v = ''] = attr.split('=').map((s) => s.trim());
        if (/^path$/i.test(k)) cookie.path = v;
        if (/^max-age$/i.test(k)) cookie.expiresAt = Date.now() + Number(v) * 1000;
        if (/^expires$/i.test(k) && cookie.expiresAt === Infinity) cookie.expiresAt = Date.parse(v);
      }
      this.cookies = this.cookies.filter(
        (c) => !(c.name === cookie.name && c.host === cookie.host && c.path === cookie.path),
      );
      if (cookie.expiresAt > Date.now()) this.cookies.push(cookie);
    }
  }

  header(url: URL): string | undefined {
    const now = Date.now();
    const matching = this.cookies
      .filter(
        (c) =>
          c.host === url.hostname &&
          c.expiresAt > now &&
          (url.pathname === c.path ||
            url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)),
      )
      .sort((a, b) => b.path.length - a.path.length);
    return matching.length ? matching.map((c) => `${c.name}=${c.value}`).join('; ') : undefined;
  }

  value(name: string): string | undefined {
    return this.cookies.find((c) => c.name === name)?.value;
  }
}

export interface Visit {
  url: URL;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with the jar's cookies; stores what the answer sets. Never follows redirects. */
export async function visit(
  jar: CookieJar,
  url: string | URL,
  options: { method?: Dispatcher.HttpMethod; form?: Record<string, string>; accept?: string } = {},
): Promise<Visit> {
  const target = new URL(url);
  const cookie = jar.header(target);
  const res = await request(target, {
    method: options.method ?? (options.form ? 'POST' : 'GET'),
    headers: {
      accept: options.accept ?? 'text/html,application/xhtml+xml',
      ...(cookie ? { cookie } : {}),
      ...(options.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    body: options.form ? new URLSearchParams(options.form).toString() : undefined,
  });
  jar.store(target, res.headers['set-cookie']);
  return { url: target, status: res.statusCode, headers: res.headers, body: await res.body.text() };
}

/** Follows redirects like a browser (as GET) until an answer is not a redirect or `stop` says so. */
export async function follow(
  jar: CookieJar,
  first: Visit,
  stop: (next: URL) => boolean = () => false,
): Promise<{ last: Visit; next?: URL; chain: URL[] }> {
  let last = first;
  const chain = [first.url];
  for (let hops = 0; hops < 20; hops++) {
    const location = last.headers.location;
    if (last.status < 300 || last.status >= 400 || typeof location !== 'string')
      return { last, chain };
    const next = new URL(location, last.url);
    if (stop(next)) return { last, next, chain };
    last = await visit(jar, next);
    chain.push(next);
  }
  throw new Error(`too many redirects: ${chain.join(' → ')}`);
}
