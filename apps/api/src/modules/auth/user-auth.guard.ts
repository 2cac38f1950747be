import {
  Injectable,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuditActor } from '../../common/audit-trail';
import { AdminRequiredError } from './auth.errors';
import { Authenticator, isAdmin, toActor, type AuthenticatedUser } from './authenticator';
import { callerOf, type Caller } from './caller';

type RequestWithUser = FastifyRequest & { user?: AuthenticatedUser; actor?: AuditActor };

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Authenticates the request and remembers the caller (and its audit actor) on it. */
async function authenticateRequest(
  auth: Authenticator,
  req: RequestWithUser,
): Promise<AuthenticatedUser> {
  const authz = firstHeader(req.headers.authorization);
  const query = req.query as Record<string, string | undefined>;
  const header = authz?.startsWith('Bearer ') ? authz.slice(7).trim() : undefined;
  const user = await auth.authenticate({
    // EventSource cannot send headers: the live stream passes the session as ?token=.
    bearer: header || query.token || undefined,
    bearerInQuery: !header,
    userId: firstHeader(req.headers['x-user-id']) ?? query.user_id,
  });
  req.user = user;
  req.actor = toActor(user);
  return user;
}

/**
 * Management routes: the caller is a session token, the operator's ADMIN_API_KEY, or an `x-user-id`
 * (anonymous users in SIGNUP_MODE=open, as in the seed).
 */
@Injectable()
export class UserAuthGuard implements CanActivate {
  constructor(private readonly auth: Authenticator) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    await authenticateRequest(this.auth, ctx.switchToHttp().getRequest<RequestWithUser>());
    return true;
  }
}

/** `/admin/*` and `GET /audit`: ADMIN_API_KEY or a user with role admin; others get 403. */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(private readonly auth: Authenticator) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const user = await authenticateRequest(
      this.auth,
      ctx.switchToHttp().getRequest<RequestWithUser>(),
    );
    if (!isAdmin(user)) throw new AdminRequiredError();
    return true;
  }
}

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthenticatedUser =>
    ctx.switchToHttp().getRequest<RequestWithUser>().user!,
);

/** The caller of a route behind `UserAuthGuard`, for role checks. */
export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller =>
  callerOf(ctx.switchToHttp().getRequest<RequestWithUser>().user!),
);
