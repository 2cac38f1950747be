import { ApiError, ConnectError, UsageError } from './errors.mjs';

/**
 * @typedef {object} ClientConfig
 * @property {URL} url            the gateway's base URL (GATEWAY_URL)
 * @property {string} [adminKey]  operator key (ADMIN_API_KEY), sent as `Authorization: Bearer`
 * @property {string} [token]     session token (GATEWAY_TOKEN) from `login`, sent as `Authorization: Bearer`
 * @property {string} [userId]    user id (GATEWAY_USER_ID), sent as `x-user-id`
 * @property {number} timeoutMs
 */

/**
 * @typedef {object} RequestOptions
 * @property {Record<string, string | number | boolean | undefined>} [query]
 * @property {unknown} [body]       sent as JSON
 * @property {boolean} [auth]       send the credentials (default true; required then)
 * @property {boolean} [stream]     return the Response unread (for exports)
 */

/** @typedef {{ status: number, headers: Headers, body: any }} ApiResponse */

/**
 * Options as commander hands them over (flags, else environment, else defaults).
 * @param {{ url?: string, adminKey?: string, token?: string, user?: string, timeout?: string }} opts
 * @returns {ClientConfig}
 */
export function clientConfig(opts) {
  const raw = opts.url || 'http://localhost:3000';
  /** @type {URL} */
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`GATEWAY_URL is not a URL: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`GATEWAY_URL must be http:// or https://, got ${raw}`);
  }
  const timeoutMs = opts.timeout === undefined ? 30_000 : Number(opts.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) {
    throw new UsageError(
      `--timeout must be a positive number of milliseconds, got ${opts.timeout}`,
    );
  }
  return {
    url,
    adminKey: opts.adminKey || undefined,
    token: opts.token || undefined,
    userId: opts.user || undefined,
    timeoutMs,
  };
}

/** @param {ClientConfig} cfg */
export function hasCredentials(cfg) {
  return Boolean(cfg.adminKey || cfg.token || cfg.userId);
}

/** One management API client; every call throws ApiError, ConnectError or UsageError. */
export class GatewayClient {
  /** @param {ClientConfig} cfg */
  constructor(cfg) {
    this.cfg = cfg;
  }

  /**
   * @param {string} path  absolute API path, e.g. `/gateway/list`
   * @param {RequestOptions['query']} [query]
   */
  urlFor(path, query) {
    const base = this.cfg.url.href.replace(/\/+$/, '');
    const url = new URL(base + path);
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
    }
    return url;
  }

  /**
   * @param {string} method
   * @param {string} path
   * @param {RequestOptions} [options]
   * @returns {Promise<ApiResponse>}
   */
  async request(method, path, options = {}) {
    const res = await this.send(method, path, options);
    if (options.stream) return { status: res.status, headers: res.headers, body: res };
    const text = await res.text();
    let body;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // A web page or another service at GATEWAY_URL: say so instead of failing on a missing field.
      throw new ApiError(
        `${method} ${path} answered ${res.headers.get('content-type') ?? 'something'} that is not JSON: is GATEWAY_URL (${this.cfg.url.origin}) an llm-gateway?`,
        res.status,
        text,
      );
    }
    return { status: res.status, headers: res.headers, body };
  }

  /**
   * @param {string} method
   * @param {string} path
   * @param {RequestOptions} options
   * @returns {Promise<Response>}
   */
  async send(method, path, options) {
    /** @type {Record<string, string>} */
    const headers = { accept: 'application/json' };
    if (options.auth !== false) {
      if (!hasCredentials(this.cfg)) {
        throw new UsageError(
          'no credentials: set GATEWAY_USER_ID (see `llm-gateway users join`), GATEWAY_TOKEN (see `llm-gateway login`) or ADMIN_API_KEY',
        );
      }
      const bearer = this.cfg.adminKey ?? this.cfg.token;
      if (bearer) headers.authorization = `Bearer ${bearer}`;
      if (this.cfg.userId) headers['x-user-id'] = this.cfg.userId;
    }
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const url = this.urlFor(path, options.query);
    /** @type {Response} */
    let res;
    try {
      res = await fetch(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(this.cfg.timeoutMs),
        redirect: 'manual',
      });
    } catch (err) {
      throw connectError(err, this.cfg);
    }
    if (res.status >= 300 && res.status < 400) {
      // Not followed: credentials must not travel to another address. Point GATEWAY_URL at the target.
      throw new ApiError(
        `redirected to ${res.headers.get('location') ?? 'another address'}: set GATEWAY_URL to the final address`,
        res.status,
      );
    }
    if (res.status >= 400) throw await apiError(res);
    return res;
  }
}

/**
 * @param {unknown} err
 * @param {ClientConfig} cfg
 */
export function connectError(err, cfg) {
  const e =
    /** @type {{ name?: string, message?: string, cause?: { code?: string, message?: string } }} */ (
      err
    );
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return new ConnectError(`no answer from ${cfg.url.origin} within ${cfg.timeoutMs} ms`);
  }
  const reason = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
  return new ConnectError(`cannot connect to ${cfg.url.origin}: ${reason}`);
}

/** @param {Response} res */
async function apiError(res) {
  const text = await res.text().catch(() => '');
  /** @type {any} */
  let body = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (a proxy's HTML page, say): keep the text
  }
  const message =
    (typeof body?.error?.message === 'string' && body.error.message) ||
    (typeof body?.message === 'string' && body.message) ||
    (typeof body?.error === 'string' && body.error) ||
    (typeof body === 'string' && body.trim().split('\n')[0].slice(0, 200)) ||
    res.statusText ||
    'request failed';
  return new ApiError(message, res.status, body);
}
