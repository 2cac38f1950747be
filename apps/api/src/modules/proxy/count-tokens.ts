import { performance } from 'node:perf_hooks';
import { Inject, Injectable } from '@nestjs/common';
import type { Dispatcher } from 'undici';
import { estimateInputTokens } from '../routing/token-estimate';
import { clientTraceHeaders } from './client-context';
import { ProxyDispatch } from './dispatch';
import { publicRequestId } from './proxy-call';
import type { ProxyExchange } from './proxy-exchange';
import { UPSTREAM_CLIENT } from './proxy.tokens';
import type { UpstreamClient } from './upstream/upstream-client';

const COUNT_TIMEOUT_MS = 30_000;

/**
 * Token counting (`/v1/messages/count_tokens`, Gemini `:countTokens`), after the same authentication,
 * planning and key checks as a chat request. When the plan's first choice speaks the client's format,
 * the count is asked of that provider (the gateway's own one, or the environment's) with its
 * credentials; otherwise it is estimated locally (`x-gateway-token-count: estimate`).
 */
@Injectable()
export class CountTokensStep {
  constructor(
    private readonly dispatch: ProxyDispatch,
    @Inject(UPSTREAM_CLIENT) private readonly client: UpstreamClient,
  ) {}

  async run(ex: ProxyExchange): Promise<void> {
    const { input, call, res } = ex;
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
    // The family's count endpoint (data in libs/routing), when it has one and speaks the client's format.
    const url =
      adapter?.format === input.format
        ? adapter.countTokensUrl(target, candidate.upstreamModel)
        : undefined;
    if (adapter && url) {
      call.upstreamFormat = adapter.format;
      call.attempts = 1;
      call.upstreamStartedAt = performance.now();
      const span = ex.trace?.startAttempt({
        provider: candidate.providerSpec.id,
        model: candidate.upstreamModel,
        url,
        number: 1,
      });
      let upstream: Dispatcher.ResponseData;
      let text: string;
      try {
        upstream = await this.client.send(
          {
            url,
            headers: {
              'content-type': 'application/json',
              ...(span ? span.headers : clientTraceHeaders(input.headers)),
              ...adapter.headers(target, input.headers),
              ...target.authHeaders,
            },
            body: JSON.stringify(
              input.format === 'gemini' ? body : { ...body, model: candidate.upstreamModel },
            ),
            signal: AbortSignal.any([ex.signal, AbortSignal.timeout(COUNT_TIMEOUT_MS)]),
            dispatcher: candidate.dispatcher,
          },
          candidate.providerSpec.id,
        );
        text = await upstream.body.text();
      } catch (err) {
        span?.end({ errorType: (err as { code?: string })?.code ?? 'connect' });
        throw err;
      }
      span?.end({ status: upstream.statusCode });
      call.upstreamEndedAt = performance.now();
      call.status = upstream.statusCode;
      if (upstream.statusCode >= 400) {
        call.errorType = 'upstream_error';
        call.errorMessage = `${candidate.providerSpec.id}: HTTP ${upstream.statusCode}`;
      }
      res.writeHead(upstream.statusCode, {
        ...ex.extraHeaders,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
        'x-gateway-request-id': publicRequestId(call),
        'x-gateway-provider': candidate.providerSpec.id,
      });
      res.end(text);
      return;
    }
    const tokens = Math.max(1, estimateInputTokens(body, input.format));
    const out = JSON.stringify(
      input.format === 'gemini' ? { totalTokens: tokens } : { input_tokens: tokens },
    );
    call.status = 200;
    res.writeHead(200, {
      ...ex.extraHeaders,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(out),
      'x-gateway-request-id': publicRequestId(call),
      'x-gateway-token-count': 'estimate',
    });
    res.end(out);
  }
}
