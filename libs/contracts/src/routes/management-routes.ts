import {
  BreakdownQuery,
  BreakdownResponse,
  ExportQuery,
  GatewaySummary,
  LogDetail,
  LogsPage,
  LogsQuery,
  LogRow,
  SummaryQuery,
  TimeseriesQuery,
  TimeseriesResponse,
} from '../analytics';
import { CredentialsBody, JoinResponse, Session, User } from '../auth';
import {
  CreateMcpServerBody,
  McpServer,
  McpServerList,
  McpServerTools,
  UpdateMcpServerBody,
} from '../mcp';
import { AuthMethods } from '../sign-in';
import { CatalogResponse, CatalogSearchQuery } from '../catalog';
import {
  CreateGatewayBody,
  CreatedGateway,
  GatewayListQuery,
  Gateway,
  GatewayCredentials,
  GatewayList,
  GatewayNameBody,
  GatewaySettings,
  GatewaySettingsPatch,
  MoveGatewayBody,
} from '../gateways';
import { CreatedKey, CreateKeyBody, Key, KeyDetail, KeyList, UpdateKeyBody } from '../keys';
import {
  CreateProviderBody,
  Provider,
  ProviderHealthList,
  ProviderList,
  ProviderModels,
  ProviderTestResult,
  UpdateProviderBody,
} from '../providers';
import { RoutingSettings, RoutingSettingsBody } from '../routing';
import type { RouteSpec } from './route-spec';
import { LIMIT_ROUTES } from './limit-routes';
import { TEAM_ROUTES } from './team-routes';

const deleted = { status: 204, description: 'Deleted.' } as const;

/**
 * The management and analytics API, one entry per route: the API's controllers serve exactly these
 * (a test compares them with the routes Fastify registered), `GET /openapi.json` documents them, and
 * the dashboard's client can only call these keys.
 */
export const MANAGEMENT_ROUTES = {
  // ---- Auth ------------------------------------------------------------------------------------
  'POST /auth/join': {
    operationId: 'joinAnonymously',
    summary: 'Create an anonymous user',
    tag: 'Auth',
    auth: 'none',
    ok: {
      status: 200,
      description: 'The new user: send its id as `x-user-id`.',
      schema: JoinResponse,
    },
    errors: [503],
  },
  'POST /auth/register': {
    operationId: 'register',
    summary: 'Create an account with email and password',
    tag: 'Auth',
    auth: 'none',
    body: CredentialsBody,
    ok: { status: 201, description: 'The account and its session token.', schema: Session },
    errors: [409, 503],
  },
  'POST /auth/login': {
    operationId: 'login',
    summary: 'Sign in',
    tag: 'Auth',
    auth: 'none',
    body: CredentialsBody,
    ok: { status: 200, description: 'A new session token.', schema: Session },
    errors: [401, 503],
  },
  'POST /auth/upgrade': {
    operationId: 'upgradeAccount',
    summary: 'Add email and password to an anonymous user, keeping its gateways',
    tag: 'Auth',
    auth: 'user',
    body: CredentialsBody,
    ok: { status: 200, description: 'The account and its session token.', schema: Session },
    errors: [409],
  },
  'POST /auth/logout': {
    operationId: 'logout',
    summary: 'End the current session',
    tag: 'Auth',
    auth: 'user',
    ok: { status: 204, description: 'Signed out.' },
  },
  'GET /auth/methods': {
    operationId: 'getSignInMethods',
    summary: 'What the sign-in page offers (anonymous, password, SSO) and the sign-up mode',
    tag: 'Auth',
    auth: 'none',
    ok: { status: 200, description: 'The enabled methods.', schema: AuthMethods },
  },
  'GET /auth/oidc/login': {
    operationId: 'startSso',
    summary: 'Start OpenID Connect sign-in (a browser navigation)',
    description:
      'Redirects to the identity provider (authorization code with PKCE); the checks travel in an encrypted, HttpOnly cookie. 404 when SSO is not configured.',
    tag: 'Auth',
    auth: 'none',
    ok: { status: 303, description: 'To the identity provider.' },
    errors: [404, 502],
  },
  'GET /auth/oidc/callback': {
    operationId: 'finishSso',
    summary: "The identity provider's redirect back (register this URL at the provider)",
    description:
      'Validates the code, state and ID token, finds or creates the user, opens a session and redirects to the dashboard, which collects it with `POST /auth/oidc/exchange`. Refusals answer a short HTML page (or JSON when asked).',
    tag: 'Auth',
    auth: 'none',
    ok: { status: 303, description: 'To the dashboard.' },
    errors: [400, 403, 404, 409, 502],
  },
  'POST /auth/oidc/exchange': {
    operationId: 'exchangeSsoSession',
    summary: 'Collect the session an SSO sign-in opened (once, from its HttpOnly cookie)',
    tag: 'Auth',
    auth: 'none',
    ok: { status: 200, description: 'The session.', schema: Session },
    errors: [400, 404],
  },
  'GET /auth/me': {
    operationId: 'getCurrentUser',
    summary: 'The signed-in user',
    tag: 'Auth',
    auth: 'user',
    ok: { status: 200, description: 'The user.', schema: User },
  },

  // ---- Gateways --------------------------------------------------------------------------------
  'POST /gateway/create': {
    operationId: 'createGateway',
    summary: 'Create a gateway',
    description: 'The secret is shown here and by `credentials`; it is stored encrypted.',
    tag: 'Gateways',
    auth: 'user',
    body: CreateGatewayBody,
    ok: { status: 200, description: 'The new gateway and its secret.', schema: CreatedGateway },
  },
  'GET /gateway/list': {
    operationId: 'listGateways',
    summary: "The gateways of every team the user belongs to, with the user's role in each",
    tag: 'Gateways',
    auth: 'user',
    query: GatewayListQuery,
    ok: { status: 200, description: 'Newest first.', schema: GatewayList },
  },
  'GET /gateway/{id}/credentials': {
    operationId: 'getGatewayCredentials',
    summary: "Show a gateway's secret",
    tag: 'Gateways',
    auth: 'user',
    ok: { status: 200, description: 'The secret.', schema: GatewayCredentials },
  },
  'POST /gateway/{id}/regenerate': {
    operationId: 'regenerateGatewaySecret',
    summary: 'Rotate the secret',
    description: 'The old secret is refused from the next request on, on every replica.',
    tag: 'Gateways',
    auth: 'user',
    ok: { status: 200, description: 'The new secret.', schema: GatewayCredentials },
  },
  'GET /gateway/{id}/settings': {
    operationId: 'getGatewaySettings',
    summary: "A gateway's settings",
    tag: 'Gateways',
    auth: 'user',
    ok: { status: 200, description: 'The settings.', schema: GatewaySettings },
  },
  'PATCH /gateway/{id}/settings': {
    operationId: 'updateGatewaySettings',
    summary: "Change a gateway's settings",
    tag: 'Gateways',
    auth: 'user',
    body: GatewaySettingsPatch,
    ok: { status: 200, description: 'The settings now.', schema: GatewaySettings },
  },
  'PATCH /gateway/{id}': {
    operationId: 'renameGateway',
    summary: 'Rename a gateway',
    tag: 'Gateways',
    auth: 'user',
    body: GatewayNameBody,
    ok: { status: 200, description: 'The gateway.', schema: Gateway },
  },
  'DELETE /gateway/{id}': {
    operationId: 'deleteGateway',
    summary: 'Delete a gateway',
    description: 'Its secret and keys stop working at once; its analytics stay until they expire.',
    tag: 'Gateways',
    auth: 'user',
    ok: deleted,
  },
  'POST /gateway/{id}/move': {
    operationId: 'moveGateway',
    summary: 'Hand a gateway to another team',
    description:
      'Secret, keys, providers and analytics go with it. The caller must be an admin of the team it moves to (403 otherwise).',
    tag: 'Gateways',
    auth: 'user',
    body: MoveGatewayBody,
    ok: { status: 200, description: "The gateway, with the caller's role there.", schema: Gateway },
  },

  ...TEAM_ROUTES,

  // ---- Keys ------------------------------------------------------------------------------------
  'POST /gateway/{id}/keys': {
    operationId: 'createKey',
    summary: 'Create a key',
    tag: 'Keys',
    auth: 'user',
    body: CreateKeyBody,
    ok: { status: 201, description: 'The key, with the full key shown once.', schema: CreatedKey },
  },
  'GET /gateway/{id}/keys': {
    operationId: 'listKeys',
    summary: "A gateway's keys",
    tag: 'Keys',
    auth: 'user',
    ok: { status: 200, description: 'The keys (hints only).', schema: KeyList },
  },
  'GET /gateway/{id}/keys/{kid}': {
    operationId: 'getKey',
    summary: 'One key, with its use of each limit',
    tag: 'Keys',
    auth: 'user',
    ok: { status: 200, description: 'The key and its usage.', schema: KeyDetail },
  },
  'PATCH /gateway/{id}/keys/{kid}': {
    operationId: 'updateKey',
    summary: 'Change a key',
    tag: 'Keys',
    auth: 'user',
    body: UpdateKeyBody,
    ok: { status: 200, description: 'The key now.', schema: Key },
  },
  'DELETE /gateway/{id}/keys/{kid}': {
    operationId: 'deleteKey',
    summary: 'Delete a key',
    tag: 'Keys',
    auth: 'user',
    ok: deleted,
  },

  ...LIMIT_ROUTES,

  // ---- MCP servers -----------------------------------------------------------------------------
  'POST /gateway/{id}/mcp-servers': {
    operationId: 'createMcpServer',
    summary: 'Register an MCP server (its headers are stored encrypted)',
    tag: 'MCP',
    auth: 'user',
    body: CreateMcpServerBody,
    ok: { status: 201, description: 'The server.', schema: McpServer },
    errors: [409],
  },
  'GET /gateway/{id}/mcp-servers': {
    operationId: 'listMcpServers',
    summary: "The gateway's MCP servers",
    tag: 'MCP',
    auth: 'user',
    ok: { status: 200, description: 'The servers.', schema: McpServerList },
  },
  'GET /gateway/{id}/mcp-servers/{sid}': {
    operationId: 'getMcpServer',
    summary: 'One MCP server',
    tag: 'MCP',
    auth: 'user',
    ok: { status: 200, description: 'The server.', schema: McpServer },
  },
  'PATCH /gateway/{id}/mcp-servers/{sid}': {
    operationId: 'updateMcpServer',
    summary: 'Change an MCP server (`headers` replaces the whole set)',
    tag: 'MCP',
    auth: 'user',
    body: UpdateMcpServerBody,
    ok: { status: 200, description: 'The server.', schema: McpServer },
    errors: [409],
  },
  'DELETE /gateway/{id}/mcp-servers/{sid}': {
    operationId: 'deleteMcpServer',
    summary: 'Remove an MCP server; its tools disappear at once',
    tag: 'MCP',
    auth: 'user',
    ok: deleted,
  },
  'GET /gateway/{id}/mcp-servers/{sid}/tools': {
    operationId: 'listMcpServerTools',
    summary: "Connect to the server and list its tools under the gateway's names",
    tag: 'MCP',
    auth: 'user',
    ok: { status: 200, description: 'The tools.', schema: McpServerTools },
    errors: [502],
  },

  // ---- Providers -------------------------------------------------------------------------------
  'POST /gateway/{id}/providers': {
    operationId: 'createProvider',
    summary: 'Add a provider',
    tag: 'Providers',
    auth: 'user',
    body: CreateProviderBody,
    ok: { status: 201, description: 'The provider.', schema: Provider },
  },
  'GET /gateway/{id}/providers': {
    operationId: 'listProviders',
    summary: "A gateway's providers",
    tag: 'Providers',
    auth: 'user',
    ok: { status: 200, description: 'The providers.', schema: ProviderList },
  },
  'GET /gateway/{id}/providers/health': {
    operationId: 'getProviderHealth',
    summary: 'Breaker, latency and concurrency state of the providers',
    tag: 'Providers',
    auth: 'user',
    ok: { status: 200, description: 'State right now.', schema: ProviderHealthList },
  },
  'GET /gateway/{id}/providers/{pid}': {
    operationId: 'getProvider',
    summary: 'One provider',
    tag: 'Providers',
    auth: 'user',
    ok: { status: 200, description: 'The provider.', schema: Provider },
  },
  'PATCH /gateway/{id}/providers/{pid}': {
    operationId: 'updateProvider',
    summary: 'Change a provider',
    tag: 'Providers',
    auth: 'user',
    body: UpdateProviderBody,
    ok: { status: 200, description: 'The provider now.', schema: Provider },
  },
  'DELETE /gateway/{id}/providers/{pid}': {
    operationId: 'deleteProvider',
    summary: 'Remove a provider',
    tag: 'Providers',
    auth: 'user',
    ok: deleted,
  },
  'POST /gateway/{id}/providers/{pid}/test': {
    operationId: 'testProvider',
    summary: "Check a provider's credentials by listing its models",
    tag: 'Providers',
    auth: 'user',
    ok: {
      status: 200,
      description: 'The outcome (also when it failed).',
      schema: ProviderTestResult,
    },
  },
  'GET /gateway/{id}/providers/{pid}/models': {
    operationId: 'listProviderModels',
    summary: 'The models a provider offers',
    tag: 'Providers',
    auth: 'user',
    ok: { status: 200, description: 'The models.', schema: ProviderModels },
    errors: [502],
  },

  // ---- Routing ---------------------------------------------------------------------------------
  'GET /gateway/{id}/routing': {
    operationId: 'getRoutingSettings',
    summary: "A gateway's routing settings",
    tag: 'Routing',
    auth: 'user',
    ok: { status: 200, description: 'The settings.', schema: RoutingSettings },
  },
  'PUT /gateway/{id}/routing': {
    operationId: 'updateRoutingSettings',
    summary: "Change a gateway's routing settings",
    tag: 'Routing',
    auth: 'user',
    body: RoutingSettingsBody,
    ok: { status: 200, description: 'The settings now.', schema: RoutingSettings },
  },

  // ---- Analytics -------------------------------------------------------------------------------
  'GET /analytics/gateway/{id}': {
    operationId: 'getAnalyticsSummary',
    summary: 'Summary of the last N days',
    tag: 'Analytics',
    auth: 'user',
    query: SummaryQuery,
    ok: { status: 200, description: 'The summary.', schema: GatewaySummary },
  },
  'GET /analytics/gateway/{id}/timeseries': {
    operationId: 'getAnalyticsTimeseries',
    summary: 'Requests, tokens, cost, errors and latency percentiles over time',
    description: 'The range defaults to the last 24 hours.',
    tag: 'Analytics',
    auth: 'user',
    query: TimeseriesQuery,
    ok: { status: 200, description: 'One point per bucket.', schema: TimeseriesResponse },
  },
  'GET /analytics/gateway/{id}/breakdown': {
    operationId: 'getAnalyticsBreakdown',
    summary: 'Totals by model, provider, key, status or client format',
    tag: 'Analytics',
    auth: 'user',
    query: BreakdownQuery,
    ok: { status: 200, description: 'One row per value.', schema: BreakdownResponse },
  },
  'GET /analytics/gateway/{id}/logs': {
    operationId: 'listRequestLogs',
    summary: 'Recorded requests, newest first',
    tag: 'Analytics',
    auth: 'user',
    query: LogsQuery,
    ok: { status: 200, description: 'A page of requests.', schema: LogsPage },
  },
  'GET /analytics/gateway/{id}/logs/{requestId}': {
    operationId: 'getRequestLog',
    summary: 'One recorded request, with its bodies when logged',
    tag: 'Analytics',
    auth: 'user',
    ok: { status: 200, description: 'The request.', schema: LogDetail },
  },
  'GET /analytics/gateway/{id}/export': {
    operationId: 'exportRequestLogs',
    summary: 'Download recorded requests as CSV or JSON',
    description: 'The range defaults to the last 30 days; the file is streamed.',
    tag: 'Analytics',
    auth: 'user',
    query: ExportQuery,
    ok: {
      status: 200,
      description: 'An attachment (`content-disposition`).',
      media: { 'text/csv': null, 'application/json': LogRow.array() },
    },
  },
  'GET /analytics/gateway/{id}/live': {
    operationId: 'streamLiveRequests',
    summary: 'Requests as they finish, as server-sent events',
    description:
      'Each finished request is one `request` event whose data is a `LogRow`. The identity may be sent as `?user_id=` or `?token=`, since an EventSource cannot send headers.',
    tag: 'Analytics',
    auth: 'user-query',
    ok: {
      status: 200,
      description: 'A stream of `event: request` messages.',
      media: { 'text/event-stream': LogRow },
    },
  },

  // ---- Catalog ---------------------------------------------------------------------------------
  'GET /catalog/models': {
    operationId: 'searchCatalog',
    summary: 'Search the model table (prices per token, context, capabilities)',
    tag: 'Catalog',
    auth: 'none',
    query: CatalogSearchQuery,
    ok: { status: 200, description: 'Matching models.', schema: CatalogResponse },
  },
} as const satisfies Record<string, RouteSpec>;
