import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { finalize, type Observable } from 'rxjs';
import type { AuditActor } from './audit-trail';
import { runInRequestContext } from './request-context';

/**
 * Gives every management handler its request context (client address, and the caller the guards
 * authenticated), so the audit trail knows who acted from where without each service passing it.
 * Nest binds the handler to the async context of `handle()`, so the store follows it; the storage
 * stays enabled until the handler's observable ends (see `runInRequestContext`).
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<FastifyRequest & { actor?: AuditActor }>();
    const { result, release } = runInRequestContext({ ip: req.ip, actor: req.actor }, () =>
      next.handle(),
    );
    return result.pipe(finalize(release));
  }
}
