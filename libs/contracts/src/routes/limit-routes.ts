import { GatewayLimits, GatewayLimitsBody, GatewayLimitsUsage, LimitsUsageQuery } from '../limits';
import type { RouteSpec } from './route-spec';

/** A gateway's own limits and its end users' (a key's limits are part of the key). */
export const LIMIT_ROUTES = {
  'GET /gateway/{id}/limits': {
    operationId: 'getGatewayLimits',
    summary: "A gateway's limits and its end users' limits",
    tag: 'Limits',
    auth: 'user',
    ok: { status: 200, description: 'The limits.', schema: GatewayLimits },
  },
  'PUT /gateway/{id}/limits': {
    operationId: 'updateGatewayLimits',
    summary: "Change a gateway's limits and its end users' limits",
    description:
      '`gateway` and `end_user` merge limit by limit (null removes one, null for the whole object removes all); each entry of `end_user_overrides` replaces the `end_user` limits for that end user (`{}`: unlimited, null deletes the override). Every replica applies the change at once.',
    tag: 'Limits',
    auth: 'user',
    body: GatewayLimitsBody,
    ok: { status: 200, description: 'The limits now.', schema: GatewayLimits },
  },
  'GET /gateway/{id}/limits/usage': {
    operationId: 'getGatewayLimitsUsage',
    summary: 'What the gateway (and one end user) used of each limit in the current windows',
    tag: 'Limits',
    auth: 'user',
    query: LimitsUsageQuery,
    ok: { status: 200, description: 'Limits and counters.', schema: GatewayLimitsUsage },
  },
} as const satisfies Record<string, RouteSpec>;
