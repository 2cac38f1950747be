import type { IncomingMessage, ServerResponse } from 'node:http';

const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
/** Preflight results are cached this long by the browser (Chromium caps it at 2 hours). */
const MAX_AGE_S = '7200';
/** Asked for when a preflight carries no Access-Control-Request-Headers (nothing to echo). */
const DEFAULT_ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'x-api-key',
  'x-goog-api-key',
  'x-gateway-id',
  'x-gateway-authorization',
  'x-gateway-end-user',
  'x-request-id',
  'traceparent',
  'tracestate',
  'anthropic-version',
  'anthropic-beta',
  'openai-organization',
  'openai-project',
].join(', ');
/** Response headers a browser script may read (everything else but the CORS-safelisted ones is hidden). */
export const EXPOSED_HEADERS = [
  'x-gateway-request-id',
  'x-gateway-provider',
  'x-gateway-model',
  'x-gateway-attempts',
  'x-gateway-overhead-ms',
  'x-gateway-strategy',
  'x-gateway-breaker',
  'x-gateway-dropped-params',
  'x-gateway-token-count',
  'x-ratelimit-limit-requests',
  'x-ratelimit-remaining-requests',
  'x-ratelimit-reset-requests',
  'x-ratelimit-limit-tokens',
  'x-ratelimit-remaining-tokens',
  'x-ratelimit-reset-tokens',
  'x-ratelimit-limit-usd',
  'x-ratelimit-remaining-usd',
  'x-ratelimit-reset-usd',
  'retry-after',
  'x-request-id',
].join(', ');
// A header list as browsers send it: tokens separated by commas. Anything else is not echoed.
const HEADER_LIST = /^[!#$%&'*+.^_`|~0-9a-z-]+(\s*,\s*[!#$%&'*+.^_`|~0-9a-z-]+)*$/i;
const MAX_HEADER_LIST = 2048;

/**
 * CORS for every endpoint (proxy, management, dashboard), applied in front of both the proxy and
 * Fastify. Preflights from an allowed origin are answered 204 with the methods and the requested headers;
 * actual responses to an allowed origin carry Access-Control-Allow-Origin and expose the gateway's
 * headers. Listed origins also get Access-Control-Allow-Credentials (cookies, the dashboard's session);
 * `*` does not (browsers forbid credentials with a wildcard).
 */
export class Cors {
  private readonly any: boolean;
  private readonly origins: ReadonlySet<string>;

  constructor(origins: '*' | string[]) {
    this.any = origins === '*';
    this.origins = new Set(origins === '*' ? [] : origins);
  }

  /** Adds the headers; returns true when the request was a preflight, answered here. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const origin = req.headers.origin;
    const preflight =
      req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (origin === undefined) {
      if (!preflight) return false;
      // Not a browser preflight after all: nothing to allow, but no 404 either.
      res.writeHead(204, { vary: 'Origin' }).end();
      return true;
    }
    const listed = this.origins.has(origin.toLowerCase());
    const allowed = listed || this.any;
    if (!preflight) {
      res.setHeader('vary', 'Origin');
      if (allowed) {
        res.setHeader('access-control-allow-origin', listed ? origin : '*');
        if (listed) res.setHeader('access-control-allow-credentials', 'true');
        res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
      }
      return false;
    }
    const headers: Record<string, string> = {
      vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    };
    if (allowed) {
      headers['access-control-allow-origin'] = listed ? origin : '*';
      if (listed) headers['access-control-allow-credentials'] = 'true';
      headers['access-control-allow-methods'] = ALLOWED_METHODS;
      const requested = req.headers['access-control-request-headers'];
      headers['access-control-allow-headers'] =
        requested && requested.length <= MAX_HEADER_LIST && HEADER_LIST.test(requested.trim())
          ? requested.trim()
          : DEFAULT_ALLOWED_HEADERS;
      headers['access-control-max-age'] = MAX_AGE_S;
      // A public page calling a gateway on localhost or a private network (Private Network Access).
      if (req.headers['access-control-request-private-network'] === 'true') {
        headers['access-control-allow-private-network'] = 'true';
      }
    }
    res.writeHead(204, headers).end();
    return true;
  }
}
