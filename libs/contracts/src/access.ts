// No zod here: the dashboard bundles this file (roles and what each may do) and nothing else of the contracts.

/** Team roles from least to most: each role can do everything the ones before it can. */
export const TEAM_ROLES = ['viewer', 'member', 'admin', 'owner'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** Whether `role` is `min` or above it. */
export function roleAtLeast(role: TeamRole, min: TeamRole): boolean {
  return TEAM_ROLES.indexOf(role) >= TEAM_ROLES.indexOf(min);
}

/**
 * The least team role that may call each management endpoint scoped to one gateway (`:id` is the
 * gateway) or one team (`/teams/:id`). The API enforces exactly this table (a route with an `:id` that
 * is missing here answers 500, never open) and the dashboard hides what the role cannot do with it.
 *
 * viewer: the gateway's name, analytics, logs (with stored bodies), the live feed, provider health;
 *   no secret, no provider details, no keys.
 * member: uses the gateway (reveals its secret), manages its keys, reads providers and routing.
 * admin:  providers, routing, settings, rename, regenerate the secret, members (not owners), the
 *   gateway's audit log.
 * owner:  deletes or moves the gateway, deletes the team, transfers ownership, manages owners.
 */
export const ENDPOINT_MIN_ROLE = {
  // Gateway
  'GET /gateway/:id/settings': 'viewer',
  'GET /gateway/:id/credentials': 'member',
  'PATCH /gateway/:id/settings': 'admin',
  'PATCH /gateway/:id': 'admin',
  'POST /gateway/:id/regenerate': 'admin',
  'POST /gateway/:id/move': 'owner',
  'DELETE /gateway/:id': 'owner',
  'GET /gateway/:id/audit': 'admin',
  // Providers and routing
  'GET /gateway/:id/providers/health': 'viewer',
  'GET /gateway/:id/providers': 'member',
  'GET /gateway/:id/providers/:pid': 'member',
  'GET /gateway/:id/routing': 'member',
  'POST /gateway/:id/providers': 'admin',
  // Gateway and end-user limits: read like keys, changed by admins
  'GET /gateway/:id/limits': 'member',
  'GET /gateway/:id/limits/usage': 'member',
  'PUT /gateway/:id/limits': 'admin',
  // MCP servers: read like providers, changed by admins
  'GET /gateway/:id/mcp-servers': 'member',
  'GET /gateway/:id/mcp-servers/:sid': 'member',
  'GET /gateway/:id/mcp-servers/:sid/tools': 'member',
  'POST /gateway/:id/mcp-servers': 'admin',
  'PATCH /gateway/:id/mcp-servers/:sid': 'admin',
  'DELETE /gateway/:id/mcp-servers/:sid': 'admin',
  'PATCH /gateway/:id/providers/:pid': 'admin',
  'DELETE /gateway/:id/providers/:pid': 'admin',
  'POST /gateway/:id/providers/:pid/test': 'admin',
  'GET /gateway/:id/providers/:pid/models': 'admin',
  'PUT /gateway/:id/routing': 'admin',
  // Keys (their secrets are shown once, at creation)
  'GET /gateway/:id/keys': 'member',
  'GET /gateway/:id/keys/:kid': 'member',
  'POST /gateway/:id/keys': 'member',
  'PATCH /gateway/:id/keys/:kid': 'member',
  'DELETE /gateway/:id/keys/:kid': 'member',
  // Analytics and logs
  'GET /analytics/gateway/:id': 'viewer',
  'GET /analytics/gateway/:id/timeseries': 'viewer',
  'GET /analytics/gateway/:id/breakdown': 'viewer',
  'GET /analytics/gateway/:id/logs': 'viewer',
  'GET /analytics/gateway/:id/logs/:requestId': 'viewer',
  'GET /analytics/gateway/:id/export': 'viewer',
  'GET /analytics/gateway/:id/live': 'viewer',
  // Wire captures of playground calls: upstream URLs and bodies, as the playground (the secret) sees them
  'GET /gateway/:id/wire/:requestId': 'member',
  // Teams
  'GET /teams/:id': 'viewer',
  'GET /teams/:id/members': 'viewer',
  'PATCH /teams/:id': 'admin',
  'POST /teams/:id/members': 'admin',
  'PATCH /teams/:id/members/:userId': 'admin',
  // Anyone may remove themselves (leave); removing someone else needs admin (checked by the service).
  'DELETE /teams/:id/members/:userId': 'viewer',
  'POST /teams/:id/transfer': 'owner',
  'DELETE /teams/:id': 'owner',
} as const satisfies Record<string, TeamRole>;

export type ScopedEndpoint = keyof typeof ENDPOINT_MIN_ROLE;

/** Whether a member with `role` may call `endpoint`. */
export function canCall(role: TeamRole, endpoint: ScopedEndpoint): boolean {
  return roleAtLeast(role, ENDPOINT_MIN_ROLE[endpoint]);
}
