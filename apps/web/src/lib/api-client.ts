import type {
  PathParamNames,
  RouteAnswerBody,
  RouteBody,
  RouteKey,
  RouteParams,
  RouteQuery,
  RouteTakesUpload,
} from '@gateway/contracts';
import { readSession, sessionHeaders } from './session';

/** What an error answer looked like on the wire (the playground shows it). */
export interface ErrorAnswer {
  headers: Headers;
  text: string;
}

/** An error answered by the API (or the network), with the message the API gave. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly answer?: ErrorAnswer,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

/** `session` sends the signed-in user's identity; a `bearer` value sends that token instead (gateway secrets). */
export type RequestAuth = 'session' | 'none' | { bearer: string };

interface RequestOptions {
  method: string;
  body?: unknown;
  query?: QueryParams;
  signal?: AbortSignal;
  auth?: RequestAuth;
  /** Sent beside the auth headers (e.g. the playground's `x-gateway-debug`). */
  headers?: Record<string, string>;
}

/**
 * One call of a route of `ROUTES` (@gateway/contracts, the table the API's OpenAPI document is built
 * from): its path parameters, query and body are typed by the table, so the dashboard cannot call a
 * route the API does not document, nor send it a body of another shape.
 */
export type RouteCall<K extends RouteKey> = {
  signal?: AbortSignal;
  /** Default: the signed-in user's session. */
  auth?: RequestAuth;
  /** Sent beside the auth headers (the playground's `x-gateway-debug`). */
  headers?: Record<string, string>;
} & ([PathParamNames<K>] extends [never] ? { params?: never } : { params: RouteParams<K> }) &
  ([RouteQuery<K>] extends [never] ? { query?: never } : { query?: RouteQuery<K> }) &
  ([RouteBody<K>] extends [never] ? { body?: never } : { body: RouteBody<K> }) &
  // An upload route takes a form the browser encodes (and names the boundary of) itself.
  (RouteTakesUpload<K> extends true ? { form: FormData } : { form?: never });

/** The call's argument, optional when the route needs neither parameters nor a body. */
export type CallArgs<K extends RouteKey> =
  object extends RouteCall<K> ? [call?: RouteCall<K>] : [call: RouteCall<K>];

/** `'GET /gateway/{id}/keys'` with `{ id: 'a b' }` → `/gateway/a%20b/keys`. */
export function routePath<K extends RouteKey>(route: K, params?: RouteParams<K>): string {
  const path = route.slice(route.indexOf(' ') + 1);
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = (params as Record<string, string> | undefined)?.[name];
    if (value === undefined) throw new Error(`${route}: missing path parameter '${name}'`);
    return encodeURIComponent(value);
  });
}

function optionsOf<K extends RouteKey>(route: K, call: RouteCall<K> | undefined) {
  const c = (call ?? {}) as RouteCall<K> & {
    params?: RouteParams<K>;
    query?: object;
    body?: unknown;
  };
  return {
    path: routePath(route, c.params),
    options: {
      method: route.slice(0, route.indexOf(' ')),
      body: c.form ?? c.body,
      query: c.query as QueryParams | undefined,
      signal: c.signal,
      auth: c.auth,
      headers: c.headers,
    },
  };
}

/** Calls a route and returns its JSON answer, typed by the route table (204: undefined). */
export async function callApi<K extends RouteKey>(
  route: K,
  ...[call]: CallArgs<K>
): Promise<RouteAnswerBody<K>> {
  const { path, options } = optionsOf(route, call);
  const response = await apiFetch(path, options);
  if (response.status === 204) return undefined as RouteAnswerBody<K>;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as RouteAnswerBody<K>;
}

/** Calls a route and returns the raw response once its status is OK (streams and downloads). */
export function fetchApi<K extends RouteKey>(route: K, ...[call]: CallArgs<K>): Promise<Response> {
  const { path, options } = optionsOf(route, call);
  return apiFetch(path, options);
}

export function buildUrl(path: string, query?: QueryParams): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** A JSON body, or a multipart form the browser encodes (and names the boundary of) itself. */
function headersFor(auth: RequestAuth, jsonBody: boolean): Record<string, string> {
  const headers: Record<string, string> = jsonBody ? { 'content-type': 'application/json' } : {};
  if (auth === 'session') Object.assign(headers, sessionHeaders(readSession()));
  else if (auth !== 'none') headers.authorization = `Bearer ${auth.bearer}`;
  return headers;
}

async function errorFrom(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  const answer = { headers: response.headers, text };
  try {
    const body = JSON.parse(text) as {
      error?: { message?: string; code?: string } | string;
      message?: string;
    };
    if (body.error && typeof body.error === 'object' && body.error.message) {
      return new ApiError(response.status, body.error.message, body.error.code, answer);
    }
    const message = typeof body.error === 'string' ? body.error : body.message;
    if (message) return new ApiError(response.status, message, undefined, answer);
  } catch {
    // Not JSON: fall through to the status text.
  }
  return new ApiError(
    response.status,
    text.trim() || `${response.status} ${response.statusText}`,
    undefined,
    answer,
  );
}

async function apiFetch(path: string, options: RequestOptions): Promise<Response> {
  const hasBody = options.body !== undefined;
  const form = options.body instanceof FormData ? options.body : undefined;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method: options.method,
      headers: { ...headersFor(options.auth ?? 'session', hasBody && !form), ...options.headers },
      body: form ?? (hasBody ? JSON.stringify(options.body) : undefined),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, `Cannot reach the API: ${(error as Error).message}`);
  }
  if (!response.ok) throw await errorFrom(response);
  return response;
}
