import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError, ErrorCode, InvalidRequestError } from '../../common/domain-errors';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
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

/** The analytics endpoint of each stored-response call (the id is not part of it). */
const STORED_ENDPOINT = {
  retrieve: '/v1/responses/{id}',
  delete: '/v1/responses/{id}',
  input_items: '/v1/responses/{id}/input_items',
} as const;

/** How much of an oversized body is read (and dropped) past the limit before the 413 closes the connection. */
export const DRAIN_CAP_BYTES = 64 * 1024 * 1024;

const GEMINI_PREFIX = '/v1beta/models/';
const RESPONSES_PREFIX = '/v1/responses/';
const GEMINI_ACTION = /^(.+):(generateContent|streamGenerateContent|countTokens)$/;

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
    proxied('/v1/chat/completions', 'openai-chat');
    proxied('/chat/completions', 'openai-chat');
    proxied('/v1/responses', 'openai-responses');
    proxied('/v1/messages', 'anthropic-messages');
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
                this.input(r, STORED_ENDPOINT[target.kind], query, undefined, 'openai-responses'),
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
      .catch((err: unknown) => this.fail(format, path, err, res))
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
    return { format, endpoint, headers: req.headers, query, rawBody };
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
        path,
        new InvalidRequestError(
          `Unknown Gemini method '${tail}': use {model}:generateContent, :streamGenerateContent or :countTokens`,
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
      const stream = action === 'streamGenerateContent';
      await this.proxy.handle(
        { ...input, pathStream: stream, jsonArrayStream: stream && query.alt !== 'sse' },
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
    this.proxy.listModels(
      { format, endpoint: path, headers: req.headers, query, rawBody: undefined },
      res,
    );
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
  ): Promise<void> {
    const limit = this.config.http.bodyLimitBytes;
    const cap = limit + DRAIN_CAP_BYTES;
    const tooLarge = (close: boolean) => {
      if (close) res.setHeader('connection', 'close');
      this.fail(
        format,
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

  private fail(format: ClientFormat, path: string, err: unknown, res: ServerResponse): void {
    this.proxy.fail(createCall(path, format, randomUUID(), performance.now()), err, res);
  }

  /** Rendering the error failed too: log it and end the exchange rather than leave it hanging. */
  private lastResort(res: ServerResponse, err: unknown): void {
    this.logger.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
    res.end();
  }
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
