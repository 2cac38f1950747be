import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ErrorCode } from '../../common/domain-errors';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { ModelsService } from '../models/models.service';
import { createCall, type ClientFormat } from './proxy-call';
import { ProxyService } from './proxy.service';

interface RouteSpec {
  path: string;
  format: ClientFormat;
}

const CHAT_ROUTES: RouteSpec[] = [
  { path: '/v1/chat/completions', format: 'openai-chat' },
  { path: '/chat/completions', format: 'openai-chat' },
];

/**
 * The proxy endpoints as plain Fastify routes (no Nest guards, pipes or interceptors on the hot path),
 * in their own encapsulated context: the body arrives as a Buffer so it can be forwarded unchanged, and
 * parse errors are rendered in the client's own error format.
 */
@Injectable()
export class ProxyRoutes {
  constructor(
    private readonly proxy: ProxyService,
    private readonly models: ModelsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async register(fastify: FastifyInstance): Promise<void> {
    await fastify.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser(
        '*',
        { parseAs: 'buffer', bodyLimit: this.config.http.bodyLimitBytes },
        (_req, body, done) => done(null, body),
      );
      scope.setErrorHandler(
        (error: Error & { statusCode?: number; code?: string }, request, reply) => {
          const status = error.statusCode ?? 500;
          const domain =
            error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
              ? new DomainError(
                  ErrorCode.PayloadTooLarge,
                  `Request body exceeds the ${Math.round(this.config.http.bodyLimitBytes / 1048576)} MB limit`,
                )
              : new DomainError(
                  status >= 500 ? ErrorCode.Internal : ErrorCode.InvalidRequest,
                  error.message,
                  { status },
                );
          reply.hijack();
          this.proxy.fail(
            createCall(request.url, 'openai-chat', randomUUID(), performance.now()),
            domain,
            reply.raw,
          );
        },
      );
      for (const route of CHAT_ROUTES) {
        scope.post(route.path, (req, reply) => this.chat(route, req, reply));
      }
      scope.get('/v1/models', (req, reply) => this.listModels(req, reply));
    });
  }

  private async chat(route: RouteSpec, req: FastifyRequest, reply: FastifyReply): Promise<void> {
    reply.hijack();
    await this.proxy.handle(
      {
        format: route.format,
        endpoint: route.path,
        headers: req.headers,
        query: req.query as Record<string, unknown>,
        rawBody: req.body as Buffer | undefined,
      },
      reply.raw,
    );
  }

  private listModels(req: FastifyRequest, reply: FastifyReply): void {
    reply.hijack();
    try {
      this.proxy.authenticate({
        headers: req.headers,
        query: req.query as Record<string, unknown>,
      });
      const payload = JSON.stringify(this.models.openAiModelList());
      reply.raw.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(payload),
      });
      reply.raw.end(payload);
    } catch (err) {
      this.proxy.fail(
        createCall('/v1/models', 'openai-chat', randomUUID(), performance.now()),
        err,
        reply.raw,
      );
    }
  }
}
