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

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: QueryParams;
  signal?: AbortSignal;
  auth?: RequestAuth;
  /** Sent beside the auth headers (e.g. the playground's `x-gateway-debug`). */
  headers?: Record<string, string>;
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

/** Sends a request and returns the raw response once its status is OK (used for streams and downloads). */
export async function apiFetch(path: string, options: RequestOptions = {}): Promise<Response> {
  const hasBody = options.body !== undefined;
  const form = options.body instanceof FormData ? options.body : undefined;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method: options.method ?? (hasBody ? 'POST' : 'GET'),
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

/** Sends a request and parses the JSON answer; 204 resolves to undefined. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await apiFetch(path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
