import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Inject, Injectable } from '@nestjs/common';
import {
  fromCanonicalError,
  toCanonicalError,
  type CanonicalRequest,
  type WireFormat,
} from '@gateway/converters';
import { countRequestTokens } from '../routing/token-count';
import { encodingFor, loadTokenizer } from '../routing/tokenizer';
import {
  countAnswer,
  countFromAnswer,
  countRequestToCanonical,
  upstreamCountBody,
} from './count-bodies';
import { ProxyDispatch } from './dispatch';
import { publicRequestId } from './proxy-call';
import type { ProxyExchange } from './proxy-exchange';
import { UPSTREAM_CLIENT } from './proxy.tokens';
import { safeJson } from './request-body';
import type { UpstreamClient } from './upstream/upstream-client';

const COUNT_TIMEOUT_MS = 30_000;

/**
 * Token counting (`/v1/messages/count_tokens`, Gemini `:countTokens`), after the same authentication,
 * planning and key checks as a chat request. A model of a family with a count endpoint (Anthropic,
 * Gemini) is counted by that provider with the plan's credentials, the request converted when the
 * client speaks another format. Every other model is counted here with its OpenAI encoding
 * (`x-gateway-token-count: tokenizer`), or cl100k_base for non-OpenAI models (`estimate`); the
 * encoding is named in `x-gateway-tokenizer`.
 */
@Injectable()
export class CountTokensStep {
  constructor(
    private readonly dispatch: ProxyDispatch,
    @Inject(UPSTREAM_CLIENT) private readonly client: UpstreamClient,
  ) {}

  async run(ex: ProxyExchange): Promise<void> {
    const { input, call } = ex;
    const body = ex.body!;
    const candidate = ex.route!.candidates[0];
    const adapter = this.dispatch.adapterFor(candidate.providerSpec, input.format);
    call.resolved = {
      entry: candidate.model,
      provider: candidate.providerSpec,
      requested: call.requestedModel,
    };
    const target = {
      provider: candidate.providerSpec,
      baseUrl: candidate.baseUrl,
      authHeaders: candidate.authHeaders,
    };
    // The family's count endpoint (data in libs/routing), when it has one.
    const url = adapter?.countTokensUrl(target, candidate.upstreamModel);
    if (!adapter || !url || !isCountFormat(adapter.format)) {
      await this.countLocally(
        ex,
        countRequestToCanonical(input.format, body),
        candidate.model.name,
      );
      return;
    }
    // Another format is converted (a bad body is the client's 400, before any upstream call).
    const passthrough = adapter.format === input.format;
    const payload = !passthrough
      ? upstreamCountBody(adapter.format, countRequestToCanonical(input.format, body), {
          upstreamModel: candidate.upstreamModel,
          requestedModel: call.requestedModel,
          id: call.requestId,
          created: Math.floor(Date.now() / 1000),
          maxOutputTokens: candidate.model.maxOutputTokens,
        })
      : input.format === 'gemini'
        ? body
        : Object.assign({}, body, { model: candidate.upstreamModel });
    call.upstreamFormat = adapter.format;
    call.attempts = 1;
    call.upstreamStartedAt = performance.now();
    const upstream = await this.client.send(
      {
        url,
        headers: {
          'content-type': 'application/json',
          ...adapter.headers(target, input.headers),
          ...target.authHeaders,
        },
        body: JSON.stringify(payload),
        signal: ex.signal,
        timeoutMs: COUNT_TIMEOUT_MS,
        dispatcher: candidate.dispatcher,
        wire: ex.wire?.attempt(candidate.providerSpec.id),
      },
      candidate.providerSpec.id,
    );
    const text = await upstream.body.text();
    call.upstreamEndedAt = performance.now();
    let status = upstream.statusCode;
    let out = text;
    if (status >= 400) {
      call.errorType = 'upstream_error';
      call.errorMessage = `${candidate.providerSpec.id}: HTTP ${status}`;
      if (!passthrough) {
        const rendered = fromCanonicalError(
          input.format,
          toCanonicalError(adapter.format, status, safeJson(text) ?? text),
        );
        status = rendered.status;
        out = JSON.stringify(rendered.body);
      }
    } else if (!passthrough) {
      const tokens = countFromAnswer(adapter.format, safeJson(text));
      out = JSON.stringify(countAnswer(input.format, tokens ?? 0));
    }
    call.status = status;
    answer(ex.res, status, out, {
      ...ex.extraHeaders,
      'x-gateway-request-id': publicRequestId(call),
      'x-gateway-provider': candidate.providerSpec.id,
      'x-gateway-token-count': 'provider',
    });
  }

  /** Counted here: the model's own OpenAI encoding, or cl100k_base as an estimate for the others. */
  private async countLocally(
    ex: ProxyExchange,
    canonical: CanonicalRequest,
    model: string,
  ): Promise<void> {
    const { encoding, exact } = encodingFor(model);
    const tokens = await countRequestTokens(canonical, await loadTokenizer(encoding));
    ex.call.status = 200;
    answer(ex.res, 200, JSON.stringify(countAnswer(ex.input.format, tokens)), {
      ...ex.extraHeaders,
      'x-gateway-request-id': publicRequestId(ex.call),
      'x-gateway-token-count': exact ? 'tokenizer' : 'estimate',
      'x-gateway-tokenizer': encoding,
    });
  }
}

function isCountFormat(format: WireFormat): format is 'anthropic-messages' | 'gemini' {
  return format === 'anthropic-messages' || format === 'gemini';
}

function answer(
  res: ServerResponse,
  status: number,
  payload: string,
  headers: Record<string, string>,
): void {
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}
