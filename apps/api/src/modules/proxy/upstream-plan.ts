import {
  estimateInputTokens as estimateCanonicalInputTokens,
  fromCanonicalRequest,
  openAIMaxTokensField,
  toCanonicalRequest,
  type CanonicalResponse,
  type ConvertContext,
  type StreamEncoder,
  type WireFormat,
} from '@gateway/converters';
import type { RouteCandidate } from '../routing/routing.types';
import { openAIResponsesBody } from './responses-upstream';
import type { UpstreamAdapter } from './upstream/adapters';
import type { UpstreamTarget } from './upstream/upstream-targets';

/** What goes to one candidate, and how its answer must be turned back. */
export interface UpstreamPlan {
  candidate: RouteCandidate;
  target: UpstreamTarget;
  adapter: UpstreamAdapter;
  payload: string | Buffer;
  /** Request headers beyond the JSON defaults (a multipart body's content type, `accept` for audio). */
  headers?: Record<string, string>;
  /** Same wire format on both sides: bytes pass through, only usage is read. */
  passthrough: boolean;
  /** The gateway added `include_usage` the client did not ask for. */
  injectedUsage: boolean;
  droppedParams: string[];
  ctx: ConvertContext & { includeUsage?: boolean; estimatedInputTokens?: number };
  /**
   * Writes the client's answer from the canonical one when the client's shape is not a wire format
   * of its own (legacy completions answered by a chat model); the client format's codec otherwise.
   */
  clientEncoding?: ClientEncoding;
}

export interface ClientEncoding {
  response(res: CanonicalResponse): Record<string, unknown>;
  streamEncoder(): StreamEncoder;
}

export interface PlanInput {
  format: WireFormat;
  body: Record<string, unknown>;
  /** The client's bytes, forwarded as they are when nothing needs to change. */
  rawBody: Buffer;
  /** A key policy (system prompt, max tokens) already changed `body`. */
  bodyChanged: boolean;
  stream: boolean;
  requestedModel: string;
  requestId: string;
}

/**
 * Builds the upstream request for one candidate: the client's bytes when both sides speak the same
 * format (patched only where needed), otherwise a request converted through the canonical form.
 */
export function planUpstream(
  input: PlanInput,
  candidate: RouteCandidate,
  adapter: UpstreamAdapter,
): UpstreamPlan {
  const { body } = input;
  const target: UpstreamTarget = {
    provider: candidate.providerSpec,
    baseUrl: candidate.baseUrl,
    authHeaders: candidate.authHeaders,
  };
  const upstreamModel = candidate.upstreamModel;
  const ctx: UpstreamPlan['ctx'] = {
    upstreamModel,
    requestedModel: input.requestedModel,
    maxOutputTokens: candidate.model.maxOutputTokens,
    id: input.format === 'openai-responses' ? responseIdFor(input.requestId) : input.requestId,
    created: Math.floor(Date.now() / 1000),
    upstreamProvider: candidate.providerSpec.id,
  };

  if (adapter.format === input.format) {
    // OpenAI's Responses API keeps no state for the gateway's clients (see responses-upstream.ts).
    const responsesBody =
      adapter.format === 'openai-responses'
        ? openAIResponsesBody(body, {
            reasoningModel: candidate.model.capabilities.reasoning,
            upstreamModel,
          })
        : undefined;
    const base = responsesBody ?? body;
    const streamOptions = body.stream_options as { include_usage?: boolean } | undefined;
    // OpenAI streams carry usage only when asked: ask, and hide it again from a client that did not.
    const injectedUsage =
      adapter.format === 'openai-chat' && input.stream && streamOptions?.include_usage !== true;
    // Fields this provider is known to reject (its ProviderSpec.dropParams) are removed and reported.
    const droppedParams = (candidate.providerSpec.dropParams ?? []).filter(
      (p) => body[p] !== undefined,
    );
    let payload: string | Buffer = input.rawBody;
    // A provider that reads only `max_tokens` would ignore `max_completion_tokens` (a key's cap included).
    const renameLimit =
      adapter.format === 'openai-chat' &&
      typeof body.max_completion_tokens === 'number' &&
      openAIMaxTokensField(candidate.providerSpec.id) === 'max_tokens';
    if (adapter.format === 'gemini') {
      // The model is in the URL.
      if (input.bodyChanged) payload = JSON.stringify(body);
    } else if (
      body.model !== upstreamModel ||
      injectedUsage ||
      droppedParams.length > 0 ||
      input.bodyChanged ||
      renameLimit ||
      responsesBody
    ) {
      // Object.assign, not a spread with fields after it (about 1 µs per field on Node 20).
      const patched: Record<string, unknown> = Object.assign({}, base, { model: upstreamModel });
      if (injectedUsage)
        patched.stream_options = Object.assign({}, streamOptions, { include_usage: true });
      for (const p of droppedParams) delete patched[p];
      if (renameLimit) {
        const limit = body.max_completion_tokens as number;
        patched.max_tokens =
          typeof body.max_tokens === 'number' ? Math.min(body.max_tokens, limit) : limit;
        delete patched.max_completion_tokens;
      }
      payload = JSON.stringify(patched);
    }
    return {
      candidate,
      target,
      adapter,
      payload,
      passthrough: true,
      injectedUsage,
      droppedParams,
      ctx,
    };
  }

  const canonical = toCanonicalRequest(input.format, body);
  canonical.model = upstreamModel;
  canonical.stream = input.stream;
  const clientWantsUsage = canonical.includeUsage === true;
  // Usage is always needed for analytics, whatever the client asked.
  canonical.includeUsage = true;
  const converted = fromCanonicalRequest(adapter.format, canonical, ctx);
  return {
    candidate,
    target,
    adapter,
    payload: JSON.stringify(converted.body),
    passthrough: false,
    injectedUsage: false,
    droppedParams: converted.droppedParams,
    ctx: Object.assign(ctx, {
      toolNameMap: converted.toolNameMap,
      includeUsage: clientWantsUsage,
      // Anthropic clients read input tokens at message_start, before an OpenAI upstream reports any.
      estimatedInputTokens: input.stream ? estimateCanonicalInputTokens(canonical) : undefined,
    }),
  };
}

/**
 * The id a Responses client gets for an answer the gateway converted: `resp_` and the request id's
 * 122 random bits (UUID v4) in hex, so it is unguessable and leads to the request's analytics row.
 */
export function responseIdFor(requestId: string): string {
  return `resp_${requestId.replace(/-/g, '')}`;
}
