import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  DATABASE_UNAVAILABLE,
  DomainError,
  ErrorCode,
  isDatabaseUnavailable,
} from './domain-errors';

/**
 * Management API errors: `{ error: { message, type, code } }` with the domain error's status.
 * The proxy routes render errors in each client's own format and do not pass through here.
 */
@Catch()
export class ManagementExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ManagementApi');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    let status = 500;
    let code: string = ErrorCode.Internal;
    let message = 'Internal server error';
    if (exception instanceof DomainError) {
      status = exception.status;
      code = exception.code;
      message = exception.message;
      for (const [name, value] of Object.entries(exception.headers ?? {})) {
        void reply.header(name, value);
      }
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      const body = exception.getResponse();
      message =
        typeof body === 'string'
          ? body
          : String((body as { message?: unknown }).message ?? exception.message);
      code =
        status === 404
          ? ErrorCode.NotFound
          : status === 413
            ? ErrorCode.PayloadTooLarge
            : ErrorCode.InvalidRequest;
    } else if ((exception as { statusCode?: number })?.statusCode) {
      // Fastify errors (body too large, malformed JSON) carry their own status.
      status = (exception as { statusCode: number }).statusCode;
      message = (exception as Error).message;
      code = status === 413 ? ErrorCode.PayloadTooLarge : ErrorCode.InvalidRequest;
    } else if (isDatabaseUnavailable(exception)) {
      // Postgres is down or restarting: the caller may retry; the proxy keeps serving from memory.
      status = 503;
      code = DATABASE_UNAVAILABLE.code;
      message = DATABASE_UNAVAILABLE.message;
      void reply.header('retry-after', '5');
      this.logger.warn(`Database unavailable: ${(exception as Error).message}`);
    } else {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    void reply.status(status).send({ error: { message, type: code, code } });
  }
}
