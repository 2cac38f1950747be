import {
  AnthropicError,
  GeminiError,
  JsonRpcError,
  ManagementError,
  OpenAIError,
  type RouteAuth,
  type WireFamily,
} from '@gateway/contracts';
import type { z } from 'zod';

type SecurityRequirement = Record<string, string[]>;

/** How each kind of caller proves who it is (OpenAPI security schemes). */
export const SECURITY_SCHEMES = {
  userId: {
    type: 'apiKey',
    in: 'header',
    name: 'x-user-id',
    description: 'An anonymous user id from `POST /auth/join`.',
  },
  sessionToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'A session token from `POST /auth/login` or `/auth/register`.',
  },
  userIdQuery: {
    type: 'apiKey',
    in: 'query',
    name: 'user_id',
    description: 'The `x-user-id` value, for an EventSource (which cannot send headers).',
  },
  sessionTokenQuery: {
    type: 'apiKey',
    in: 'query',
    name: 'token',
    description: 'A session token, for an EventSource (which cannot send headers).',
  },
  adminKey: {
    type: 'http',
    scheme: 'bearer',
    description: "The operator's `ADMIN_API_KEY`.",
  },
  gatewayBearer: {
    type: 'http',
    scheme: 'bearer',
    description: 'A gateway secret or key as `Authorization: Bearer` (OpenAI SDKs).',
  },
  gatewayApiKey: {
    type: 'apiKey',
    in: 'header',
    name: 'x-api-key',
    description: 'A gateway secret or key (Anthropic SDKs).',
  },
  gatewayGoogApiKey: {
    type: 'apiKey',
    in: 'header',
    name: 'x-goog-api-key',
    description: 'A gateway secret or key (Gemini SDKs).',
  },
  gatewayAzureApiKey: {
    type: 'apiKey',
    in: 'header',
    name: 'api-key',
    description: 'A gateway secret or key (Azure OpenAI style).',
  },
  gatewayKeyQuery: {
    type: 'apiKey',
    in: 'query',
    name: 'key',
    description: 'A gateway secret or key as `?key=` (Gemini REST style).',
  },
  gatewayId: {
    type: 'apiKey',
    in: 'header',
    name: 'x-gateway-id',
    description: 'The gateway id, sent with `x-gateway-authorization` (the seed API).',
  },
  gatewayAuthorization: {
    type: 'apiKey',
    in: 'header',
    name: 'x-gateway-authorization',
    description: 'The gateway secret, sent with `x-gateway-id` (the seed API).',
  },
  metricsToken: {
    type: 'http',
    scheme: 'bearer',
    description: '`METRICS_TOKEN`, when the operator set one.',
  },
} as const;

type SchemeName = keyof typeof SECURITY_SCHEMES;
const any = (...names: SchemeName[]): SecurityRequirement[] => names.map((n) => ({ [n]: [] }));

/**
 * The alternatives each route kind accepts (any one of them). When the admin key is accepted on the
 * user routes too, add `adminKey` to `user` and `user-query` here: nothing else changes.
 */
export const AUTH_SECURITY: Record<RouteAuth, SecurityRequirement[]> = {
  none: [],
  user: any('userId', 'sessionToken'),
  'user-query': any('userId', 'sessionToken', 'userIdQuery', 'sessionTokenQuery'),
  // ADMIN_API_KEY, or the session of a user with role admin.
  admin: any('adminKey', 'sessionToken'),
  gateway: [
    ...any(
      'gatewayBearer',
      'gatewayApiKey',
      'gatewayGoogApiKey',
      'gatewayAzureApiKey',
      'gatewayKeyQuery',
    ),
    { gatewayId: [], gatewayAuthorization: [] },
  ],
  // Open unless METRICS_TOKEN is set: `{}` is the "no credentials" alternative.
  metrics: [{}, ...any('metricsToken')],
};

/** The error body of each route kind: management JSON, or the proxy client's own format. */
export const ERROR_SCHEMAS: Record<WireFamily | 'management', z.ZodType> = {
  management: ManagementError,
  openai: OpenAIError,
  anthropic: AnthropicError,
  gemini: GeminiError,
  mcp: JsonRpcError,
};

/** What an error status means on the management API. */
export const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: the message names the field.',
  401: 'Missing or invalid credentials.',
  403: 'Not allowed (e.g. your role in the team is below what the call needs).',
  404: "Not found (another user's gateway is not found either).",
  409: 'Conflict with the current state (e.g. the email is taken).',
  413: 'Body over `BODY_LIMIT_MB`.',
  429: 'Too many failed logins for this account or address (`retry-after`).',
  502: 'The provider could not be reached or answered something unusable.',
  503: 'The database is unavailable (`retry-after: 5`); the proxy keeps serving from memory.',
};

/** What an error status means on a proxy endpoint (rendered in the client's own format). */
export const PROXY_ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid JSON, a missing `model`, or a provider without credentials (naming the variable to set).',
  401: 'Missing or invalid gateway secret or key.',
  403: 'The key is disabled or expired, or the model or provider is outside its allowlist.',
  404: 'Unknown model (the message suggests close names).',
  413: 'Body over `BODY_LIMIT_MB`.',
  429: 'Over a rate limit, token quota or budget of the key (`retry-after`, `x-ratelimit-*`).',
  502: 'No upstream could be reached.',
  504: 'The upstream timed out.',
  529: 'The upstream is overloaded (Anthropic format).',
};

/** What an error status means on the MCP endpoint (a JSON-RPC error body). */
export const MCP_ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Not a JSON-RPC message (-32700) or an invalid request (-32600).',
  401: 'Missing or invalid gateway secret or key (-32001).',
  403: 'The key is disabled or expired.',
  406: 'The client does not accept both `application/json` and `text/event-stream`.',
  413: 'Body over `BODY_LIMIT_MB`.',
  415: 'The body is not `application/json`.',
};
