import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `METHOD /path/{param}`: the key of a route, read by the API reference and the dashboard's client. */
export type RouteKeyPattern = `${HttpMethod} /${string}`;

/**
 * Who may call a route (each maps to OpenAPI security schemes in the API's document builder):
 * - `none`: anyone;
 * - `user`: `x-user-id` (an anonymous user) or `Authorization: Bearer <session token>`;
 * - `user-query`: the same, or `?user_id=` / `?token=` (an EventSource cannot send headers);
 * - `admin`: `Authorization: Bearer <ADMIN_API_KEY>`, or the session of a user with role `admin`;
 * - `gateway`: a gateway secret or key, in any SDK's place (bearer, `x-api-key`, `x-goog-api-key`,
 *   `?key=`, `x-gateway-id` + `x-gateway-authorization`);
 * - `metrics`: `Authorization: Bearer <METRICS_TOKEN>` when that is set.
 */
export type RouteAuth = 'none' | 'user' | 'user-query' | 'admin' | 'gateway' | 'metrics';

export const ROUTE_TAGS = {
  Auth: 'Accounts and sessions.',
  Gateways: 'Gateways: a project with its own secret, keys, providers and analytics.',
  Teams: 'Teams own gateways; members have a role (viewer, member, admin, owner) in each.',
  Keys: 'Gateway keys with model allowlists, limits and budgets.',
  Limits: "A gateway's own limits and its end users' limits, and what they used.",
  Providers: "A gateway's own upstream providers, their health and breakers.",
  Routing: 'Routing strategy, fallbacks, retries and breakers of a gateway.',
  Analytics: 'Recorded requests: summaries, series, breakdowns, logs, export, live stream.',
  Catalog: 'The model table.',
  Admin: 'Operator actions (ADMIN_API_KEY, or a user with role admin).',
  Audit: 'The audit log of management changes.',
  MCP: 'MCP tool servers a gateway fronts, and its MCP endpoint.',
  Service: 'Health, readiness, metrics and this reference.',
  OpenAI: 'OpenAI-compatible proxy endpoints (any model, any provider).',
  Anthropic: 'Anthropic-compatible proxy endpoints (any model, any provider).',
  Gemini: 'Gemini-compatible proxy endpoints (any model, any provider).',
} as const;
export type RouteTag = keyof typeof ROUTE_TAGS;

/**
 * The wire format a proxy route speaks: its bodies and the shape of its errors (`mcp`: JSON-RPC, the
 * gateway's MCP endpoint).
 */
export type WireFamily = 'openai' | 'anthropic' | 'gemini' | 'mcp';

/** One answer of a route. */
export interface RouteAnswer {
  status: number;
  description: string;
  /** The JSON body (`application/json`), when there is one. */
  schema?: z.ZodType;
  /** Bodies in other media types; `null` when the body is not described by a schema. */
  media?: Readonly<Record<string, z.ZodType | null>>;
}

export interface RouteSpec {
  /** Unique, stable: what generated clients name the call. */
  operationId: string;
  summary: string;
  description?: string;
  tag: RouteTag;
  auth: RouteAuth;
  /** The query string, as the API validates it (its input side is documented). */
  query?: z.ZodType;
  /** Path parameters that mean something else here than `PATH_PARAMS` says: name → description. */
  params?: Readonly<Record<string, string>>;
  /** Request headers worth knowing: name → description. */
  headers?: Readonly<Record<string, string>>;
  /** The JSON body, as the API validates it (its input side is documented). */
  body?: z.ZodType;
  /** A `multipart/form-data` body instead: its fields, files as parts. */
  upload?: z.ZodType;
  /** The successful answer. */
  ok: RouteAnswer;
  /** The same answer streamed (proxy routes), and when. */
  stream?: { media: string; schema: z.ZodType; description: string };
  /** Other answers that are not errors (e.g. `/ready`'s 503). */
  also?: readonly RouteAnswer[];
  /**
   * Error statuses of this route besides the ones every route of its kind has (401 with auth,
   * 400 with a body or query, 404 with a path parameter, 503 for a user route while Postgres is down).
   */
  errors?: readonly number[];
  /** Proxy routes: the wire format, which also decides the shape of their errors. */
  family?: WireFamily;
  /** The provider's own reference for the full body. */
  externalDocs?: { url: string; description?: string };
}

/** Every `{name}` in a route path, described once. */
export const PATH_PARAMS = {
  id: 'gateway id',
  kid: 'key id',
  sid: "MCP server id (one of this gateway's MCP servers)",
  pid: "provider id (one of this gateway's providers)",
  userId: 'user id (a member of the team)',
  requestId: 'request id (the `x-gateway-request-id` of the answer)',
  model: 'model name, e.g. `gemini-2.5-flash` (any model the gateway can route)',
  file: 'asset file name',
  uid: 'user id',
  inviteId: 'invitation id',
  sessionId: 'session id (from `GET /auth/sessions`)',
} as const;
export type PathParamName = keyof typeof PATH_PARAMS;

/** The `{name}` parameters of a route key. */
export type PathParamNames<K extends string> = K extends `${string}{${infer N}}${infer Rest}`
  ? N | PathParamNames<Rest>
  : never;
