import {
  Injectable,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { ENDPOINT_MIN_ROLE, type TeamRole } from '@gateway/contracts';
import type { FastifyRequest } from 'fastify';
import type { AuthenticatedUser } from '../auth/auth.service';
import { callerOf, type Caller } from '../auth/caller';
import { TeamAccess, type AuthorizedTeam } from './team-access';

type GuardedRequest = FastifyRequest & { user?: AuthenticatedUser; grant?: unknown };

/** `GET /teams/:id` for the route `/teams/:id` answering a GET (HEAD is a GET without a body). */
export function endpointOf(method: string, routeUrl: string): string {
  return `${method === 'HEAD' ? 'GET' : method} ${routeUrl}`;
}

/** The least role for a route, from `ENDPOINT_MIN_ROLE`; undefined when the table lacks it. */
export function minRoleFor(endpoint: string): TeamRole | undefined {
  return (ENDPOINT_MIN_ROLE as Record<string, TeamRole>)[endpoint];
}

/**
 * Runs after `UserAuthGuard` on every route of a controller: a route whose path has an `:id` (a team
 * or a gateway) is checked against `ENDPOINT_MIN_ROLE`, and what the check granted is handed to the
 * handler (`@Grant()`). A route with `:id` missing from the table is an error, never open. Routes
 * without `:id` (list, create) are the caller's own and pass; their services check the team they name.
 */
export abstract class ScopedRoleGuard<G> implements CanActivate {
  protected abstract authorize(caller: Caller, id: string, min: TeamRole): Promise<G>;

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<GuardedRequest>();
    const id = (req.params as Record<string, string | undefined>).id;
    if (id === undefined) return true;
    const endpoint = endpointOf(req.method, req.routeOptions.url ?? '');
    const min = minRoleFor(endpoint);
    if (!min) throw new Error(`No minimum role declared for ${endpoint} in ENDPOINT_MIN_ROLE`);
    req.grant = await this.authorize(callerOf(req.user!), id, min);
    return true;
  }
}

/** Role check of `/teams/:id…` routes. */
@Injectable()
export class TeamRoleGuard extends ScopedRoleGuard<AuthorizedTeam> {
  constructor(private readonly access: TeamAccess) {
    super();
  }

  protected authorize(caller: Caller, id: string, min: TeamRole): Promise<AuthorizedTeam> {
    return this.access.require(caller, id, min);
  }
}

/** What the route's `ScopedRoleGuard` granted: the team or gateway, and the caller's role there. */
export const Grant = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): unknown =>
    ctx.switchToHttp().getRequest<GuardedRequest>().grant,
);
