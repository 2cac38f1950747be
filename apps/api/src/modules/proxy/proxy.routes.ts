import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ErrorCode, InvalidRequestError } from '../../common/domain-errors';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { ModelsService } from '../models/models.service';
import { createCall, type ClientFormat } from './proxy-call';
import { ProxyService, type ProxyInput } from './proxy.service';

interface RouteConfig {
  format: ClientFormat;
}

type Query = Record<string, unknown>;

const GEMINI_ACTION = /^(.+):(generateContent|streamGenerateContent|countTokens)$/;

/**
 * The client-facing API surface as plain Fastify routes (no Nest guards, pipes or interceptors on the hot
 * path), in their own encapsulated context: bodies arrive as Buffers so they can be forwarded unchanged,
 * and every error — body parsing included — is rendered in the calling client's own format.
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
          this.proxy.fail(this.blankCall(request), domain, reply.raw);
        },
      );

      const chat = (format: ClientFormat) => ({ config: { format } satisfies RouteConfig });
      for (const path of ['/v1/chat/completions', '/chat/completions']) {
        scope.post(path, chat('openai-chat'), (req, reply) => this.proxied(req, reply, path));
      }
      scope.post('/v1/responses', chat('openai-responses'), (req, reply) =>
        this.proxied(req, reply, '/v1/responses'),
      );
      scope.post('/v1/messages', chat('anthropic-messages'), (req, reply) =>
        this.proxied(req, reply, '/v1/messages'),
      );
      scope.post('/v1/messages/count_tokens', chat('anthropic-messages'), (req, reply) => {
        reply.hijack();
        return this.proxy.countTokens(this.input(req, '/v1/messages/count_tokens'), reply.raw);
      });
      scope.post('/v1beta/models/*', chat('gemini'), (req, reply) => this.gemini(req, reply));
      scope.get('/v1beta/models', chat('gemini'), (req, reply) =>
        this.listModels(req, reply, () => this.models.geminiModelList()),
      );
      scope.get('/v1/models', chat('openai-chat'), (req, reply) =>
        this.listModels(req, reply, () =>
          req.headers['anthropic-version']
            ? this.models.anthropicModelList()
            : this.models.openAiModelList(),
        ),
      );
    });
  }

  private input(req: FastifyRequest, endpoint: string): ProxyInput {
    return {
      format: (req.routeOptions.config as unknown as RouteConfig).format,
      endpoint,
      headers: req.headers,
      query: req.query as Query,
      rawBody: req.body as Buffer | undefined,
    };
  }

  private async proxied(req: FastifyRequest, reply: FastifyReply, endpoint: string): Promise<void> {
    reply.hijack();
    await this.proxy.handle(this.input(req, endpoint), reply.raw);
  }

  /** `/v1beta/models/{model}:{action}`, the model possibly written `models/x` by older clients. */
  private async gemini(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    reply.hijack();
    const tail = decodeURIComponent((req.params as { '*': string })['*']);
    const match = GEMINI_ACTION.exec(tail);
    const endpoint = '/v1beta/models/{model}:' + (match?.[2] ?? 'unknown');
    if (!match) {
      this.proxy.fail(
        this.blankCall(req),
        new InvalidRequestError(
          `Unknown Gemini method '${tail}': use {model}:generateContent, :streamGenerateContent or :countTokens`,
        ),
        reply.raw,
      );
      return;
    }
    const [, model, action] = match;
    const input: ProxyInput = { ...this.input(req, endpoint), pathModel: model };
    if (action === 'countTokens') return this.proxy.countTokens(input, reply.raw);
    const stream = action === 'streamGenerateContent';
    await this.proxy.handle(
      {
        ...input,
        pathStream: stream,
        jsonArrayStream: stream && (req.query as Query).alt !== 'sse',
      },
      reply.raw,
    );
  }

  private listModels(req: FastifyRequest, reply: FastifyReply, list: () => unknown): void {
    reply.hijack();
    try {
      this.proxy.authenticate({ headers: req.headers, query: req.query as Query });
      const payload = JSON.stringify(list());
      reply.raw.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(payload),
      });
      reply.raw.end(payload);
    } catch (err) {
      this.proxy.fail(this.blankCall(req), err, reply.raw);
    }
  }

  private blankCall(req: FastifyRequest) {
    const format =
      (req.routeOptions.config as unknown as RouteConfig | undefined)?.format ?? 'openai-chat';
    return createCall(req.url.split('?', 1)[0], format, randomUUID(), performance.now());
  }
}
