import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { constants as http2, type Http2ServerResponse } from 'node:http2';
import { performance } from 'node:perf_hooks';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError, ErrorCode, InvalidRequestError } from '../../common/domain-errors';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { clientRequestId } from './client-context';
import type { OperationRequest, OperationSpec } from './operations/operation';
import { ProxyOperations } from './operations/proxy-operations';
import { createCall, type ClientFormat } from './proxy-call';
import { ProxyService, type ProxyInput } from './proxy.service';
import { matchStoredResponse, storedResponseOp } from './responses-state';

type Query = Record<string, string>;
type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: Query,
) => void | Promise<void>;

interface Route {
  format: ClientFormat;
  handler: Handler;
}

/** Each stored-response call: its method and analytics endpoint (the id is not part of it). */
const STORED_RESPONSE = {
  retrieve: { method: 'GET', endpoint: '/v1/responses/{id}' },
  delete: { method: 'DELETE', endpoint: '/v1/responses/{id}' },
  input_items: { method: 'GET', endpoint: '/v1/responses/{id}/input_items' },
} as const;

/** How much of an oversized body is read (and dropped) past the limit before the 413 closes the connection. */
export const DRAIN_CAP_BYTES = 64 * 1024 * 1024;

const GEMINI_PREFIX = '/v1beta/models/';
const RESPONSES_PREFIX = '/v1/responses/';
const GEMINI_ACTIONS = [
  'generateContent',
  'streamGenerateContent',
  'countTokens',
  'embedContent',
  'batchEmbedContents',
] as const;
const GEMINI_ACTION = new RegExp(`^(.+):(${GEMINI_ACTIONS.join('|')})$`);

/**
 * The client-facing API surface (OpenAI, Anthropic, Gemini, Responses), served straight from node:http
 * in front of Fastify: the profile showed Fastify's router, Nest's middleware runner, the hook chain and
 * the content-type parser (which binds an AsyncResource per request on Node 20) at about 9 % of the
 * gateway's CPU. Everything else (management API, dashboard) goes on to Fastify. Bodies are read as
 * bytes with the configured limit so they can be forwarded unchanged, and every error — body parsing
 * included — is rendered in the calling client's own format.
 */
@Injectable()
export class ProxyRoutes {
  private readonly routes = new Map<string, Route>();
  private readonly logger = new Logger(ProxyRoutes.name);

  constructor(
    private readonly proxy: ProxyService,
    private readonly ops: ProxyOperations,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const post = (path: string, format: ClientFormat, handler: Handler) =>
      this.routes.set(`POST ${path}`, { format, handler });
    const proxied = (endpoint: string, format: ClientFormat) =>
      post(endpoint, format, (req, res, _path, query) =>
        this.withBody(req, res, format, async (body) => {
          await this.proxy.handle(this.input(req, endpoint, query, body, format), res);
        }),
      );
    // Endpoints beyond chat: one operation each, errors in OpenAI's format. Uploads (multipart) get
    // UPLOAD_LIMIT_MB instead of BODY_LIMIT_MB.
    const operation = <R extends OperationRequest>(
      endpoint: string,
      spec: OperationSpec<R>,
      upload = false,
    ) =>
      post(endpoint, 'openai-chat', (req, res, _path, query) =>
        this.withBody(
          req,
          res,
          'openai-chat',
          async (body) => {
            await this.proxy.handleOperation(
              spec,
              this.input(req, endpoint, query, body, 'openai-chat'),
              res,
            );
          },
          upload ? config.http.uploadLimitBytes : undefined,
        ),
      );
    proxied('/v1/chat/completions', 'openai-chat');
    proxied('/chat/completions', 'openai-chat');
    proxied('/v1/responses', 'openai-responses');
    proxied('/v1/messages', 'anthropic-messages');
    operation('/v1/embeddings', ops.embeddings);
    operation('/v1/completions', ops.completions);
    operation('/v1/moderations', ops.moderations);
    operation('/v1/images/generations', ops.images);
    operation('/v1/images/edits', ops.imageEdits, true);
    operation('/v1/images/variations', ops.imageVariations, true);
    operation('/v1/audio/speech', ops.speech);
    operation('/v1/audio/transcriptions', ops.transcriptions, true);
    operation('/v1/audio/translations', ops.translations, true);
    // The path, and the one Cohere's own SDK calls.
    operation('/v1/rerank', ops.rerank);
    operation('/v2/rerank', ops.rerank);
    post('/v1/messages/count_tokens', 'anthropic-messages', (req, res, _path, query) =>
      this.withBody(req, res, 'anthropic-messages', (body) =>
        this.proxy
          .countTokens(
            this.input(req, '/v1/messages/count_tokens', query, body, 'anthropic-messages'),
            res,
          )
          .then(() => undefined),
      ),
    );
    this.routes.set('GET /v1/models', {
      format: 'openai-chat',
      handler: (req, res, path, query) =>
        this.listModels(
          req,
          res,
          path,
          query,
          req.headers['anthropic-version'] ? 'anthropic-messages' : 'openai-chat',
        ),
    });
    this.routes.set('GET /v1beta/models', {
      format: 'gemini',
      handler: (req, res, path, query) => this.listModels(req, res, path, query, 'gemini'),
    });
  }

  /** Every route answered here, as `METHOD /path/{param}` (the API reference must list each). */
  routeKeys(): string[] {
    return [
      ...this.routes.keys(),
      ...GEMINI_ACTIONS.map((action) => `POST ${GEMINI_PREFIX}{model}:${action}`),
      ...Object.values(STORED_RESPONSE).map((r) => `${r.method} ${r.endpoint}`),
    ];
  }

  /** Handles the request when it is one of the proxy's; returns false to let Fastify have it. */
  dispatch(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    let route = this.routes.get(`${req.method} ${path}`);
    if (!route && req.method === 'POST' && path.startsWith(GEMINI_PREFIX)) {
      route = { format: 'gemini', handler: (r, s, p, query) => this.gemini(r, s, p, query) };
    }
    if (!route && path.startsWith(RESPONSES_PREFIX)) {
      const target = matchStoredResponse(req.method ?? '', path);
      if (target)
        route = {
          format: 'openai-responses',
          handler: (r, s, p, query) => {
            r.resume();
            return this.proxy
              .storedResponse(
                this.input(
                  r,
                  STORED_RESPONSE[target.kind].endpoint,
                  query,
                  undefined,
                  'openai-responses',
                ),
                s,
                storedResponseOp(target, query),
              )
              .then(() => undefined);
          },
        };
    }
    if (!route) return false;
    const format = route.format;
    const handler = route.handler;
    // Null prototype: `?constructor=` or `?__proto__=` are plain parameters like any other.
    const query: Query = Object.create(null) as Query;
    if (q !== -1) for (const [k, v] of new URLSearchParams(url.slice(q + 1))) query[k] = v;
    new Promise<void>((resolve) => resolve(handler(req, res, path, query)))
      .catch((err: unknown) => this.fail(format, req, path, err, res))
      .catch((err: unknown) => this.lastResort(res, err));
    return true;
  }

  private input(
    req: IncomingMessage,
    endpoint: string,
    query: Query,
    rawBody: Buffer | undefined,
    format: ClientFormat,
  ): ProxyInput {
    const method = req.method === 'POST' ? undefined : req.method;
    return { format, method, endpoint, headers: req.headers, query, rawBody };
  }

  /** `/v1beta/models/{model}:{action}` (the model possibly written `models/x` by older clients). */
  private gemini(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: Query,
  ): Promise<void> {
    const tail = safeDecode(path.slice(GEMINI_PREFIX.length));
    const match = tail === undefined ? null : GEMINI_ACTION.exec(tail);
    if (!match) {
      req.resume();
      this.fail(
        'gemini',
        req,
        path,
        new InvalidRequestError(
          `Unknown Gemini method '${tail}': use {model}:generateContent, :streamGenerateContent, :countTokens, :embedContent or :batchEmbedContents`,
        ),
        res,
      );
      return Promise.resolve();
    }
    const [, model, action] = match;
    const endpoint = `/v1beta/models/{model}:${action}`;
    return this.withBody(req, res, 'gemini', async (body) => {
      const input: ProxyInput = {
        ...this.input(req, endpoint, query, body, 'gemini'),
        pathModel: model,
      };
      if (action === 'countTokens') {
        await this.proxy.countTokens(input, res);
        return;
      }
      if (action === 'embedContent' || action === 'batchEmbedContents') {
        const spec =
          action === 'embedContent'
            ? this.ops.geminiEmbedContent
            : this.ops.geminiBatchEmbedContents;
        await this.proxy.handleOperation(spec, input, res);
        return;
      }
      const stream = action === 'streamGenerateContent';
      await this.proxy.handle(
        Object.assign({}, input, {
          pathStream: stream,
          jsonArrayStream: stream && query.alt !== 'sse',
        }),
        res,
      );
    });
  }

  private listModels(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: Query,
    format: ClientFormat,
  ): void {
    req.resume();
    this.proxy.listModels(this.input(req, path, query, undefined, format), res);
  }

  /**
   * Reads the whole body (bounded by BODY_LIMIT_MB) and hands it on. Over the limit: 413 in the
   * client's format, sent once the body has been read and dropped, so a client still uploading sees
   * the status instead of a broken pipe; past the limit plus DRAIN_CAP_BYTES, answered at once and
   * the connection closed.
   */
  private withBody(
    req: IncomingMessage,
    res: ServerResponse,
    format: ClientFormat,
    next: (body: Buffer) => Promise<void>,
    limit = this.config.http.bodyLimitBytes,
  ): Promise<void> {
    const cap = limit + DRAIN_CAP_BYTES;
    const tooLarge = (close: boolean) => {
      if (close) closeAfterResponse(req, res);
      this.fail(
        format,
        req,
        req.url ?? '',
        new DomainError(
          ErrorCode.PayloadTooLarge,
          `Request body exceeds the ${limitText(limit)} limit`,
        ),
        res,
      );
    };
    const declared = Number(req.headers['content-length']);
    if (declared > cap) {
      tooLarge(true);
      req.resume();
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let over = declared > limit;
      let done = false;
      req.on('data', (chunk: Buffer) => {
        if (done) return;
        size += chunk.length;
        if (size > limit && !over) {
          over = true;
          chunks.length = 0;
        }
        if (!over) {
          chunks.push(chunk);
        } else if (size > cap) {
          done = true;
          tooLarge(true);
          req.resume();
          resolve();
        }
      });
      req.on('end', () => {
        if (done) return;
        done = true;
        if (over) {
          tooLarge(false);
          resolve();
          return;
        }
        next(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)).then(resolve, reject);
      });
      req.on('error', (err) => {
        if (done) return;
        done = true;
        reject(err);
      });
    });
  }

  /** An error before the pipeline (unknown method, body limits), answered in the client's format. */
  private fail(
    format: ClientFormat,
    req: IncomingMessage,
    path: string,
    err: unknown,
    res: ServerResponse,
  ): void {
    const call = createCall(
      path,
      format,
      randomUUID(),
      performance.now(),
      clientRequestId(req.headers),
    );
    this.proxy.fail(call, err, res);
  }

  /** Rendering the error failed too: log it and end the exchange rather than leave it hanging. */
  private lastResort(res: ServerResponse, err: unknown): void {
    this.logger.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
    res.end();
  }
}

/**
 * Ends the client's upload once the answer is out: `connection: close` on HTTP/1.1; on HTTP/2 (where
 * that header is forbidden) a RST_STREAM NO_ERROR after the complete response (RFC 9113, 8.1).
 */
function closeAfterResponse(req: IncomingMessage, res: ServerResponse): void {
  if (req.httpVersionMajor !== 2) {
    res.setHeader('connection', 'close');
    return;
  }
  // The stream's own 'finish' (the response's waits for the whole stream to close).
  const { stream } = res as unknown as Http2ServerResponse;
  stream.once('finish', () => stream.close(http2.NGHTTP2_NO_ERROR));
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/** `20 MB`, or `512 KB` for limits under a megabyte (BODY_LIMIT_MB may be fractional). */
export function limitText(bytes: number): string {
  return bytes >= 1048576
    ? `${Math.round((bytes / 1048576) * 10) / 10} MB`
    : `${Math.round(bytes / 1024)} KB`;
}
