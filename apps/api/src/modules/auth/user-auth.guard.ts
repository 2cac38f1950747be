import {
  Injectable,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuthService, type AuthenticatedUser } from './auth.service';
import { callerOf, type Caller } from './caller';

type RequestWithUser = FastifyRequest & { user?: AuthenticatedUser };

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Management routes: the caller is an `x-user-id` (anonymous, as in the seed) or a session token. */
@Injectable()
export class UserAuthGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<RequestWithUser>();
    const authz = firstHeader(req.headers.authorization);
    const query = req.query as Record<string, string | undefined>;
    const bearer = authz?.startsWith('Bearer ') ? authz.slice(7).trim() : query.token;
    req.user = await this.auth.authenticate({
      bearer: bearer || undefined,
      userId: firstHeader(req.headers['x-user-id']) ?? query.user_id,
    });
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
