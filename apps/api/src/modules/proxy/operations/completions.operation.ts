import {
  canonicalToCompletionsResponse,
  completionsToChat,
  CompletionsStreamEncoder,
  fromCanonicalRequest,
  toCanonicalRequest,
  type CanonicalResponse,
} from '@gateway/converters';
import { meteredCostUsd } from '@gateway/routing';
import { InvalidRequestError } from '../../../common/domain-errors';
import type { RouteCandidate } from '../../routing/routing.types';
import type { ProxyExchange } from '../proxy-exchange';
import { relaySuccess } from '../relay';
import { parseJsonBody } from '../request-body';
import type { UpstreamPlan } from '../upstream-plan';
import {
  estimateTextTokens,
  familyServes,
  operationPlan,
  samePayload,
  type OperationDeps,
  type OperationRequest,
  type OperationSpec,
} from './operation';

/** Models whose provider serves `/completions` itself; chat models are asked through chat instead. */
const isCompletionModel = (c: RouteCandidate) => c.model.mode === 'completion';

function promptTexts(prompt: unknown): (string | number[])[] {
  if (typeof prompt === 'string') return [prompt];
  if (Array.isArray(prompt) && prompt.every((p) => typeof p === 'number')) return [prompt];
  if (Array.isArray(prompt)) return prompt.filter((p) => typeof p === 'string' || Array.isArray(p));
  throw new InvalidRequestError("'prompt' must be a string or an array", 'prompt');
}

/**
 * Legacy completions (`POST /v1/completions`, stream and non-stream): passed through to providers that
 * serve `/completions` for the model (gpt-3.5-turbo-instruct, davinci-002, codestral, …), converted to
 * chat for chat models of any family (prompt → user message, answer → `text`). A key's output cap
 * applies to `max_tokens`; its system prompt becomes a system message (chat models) or opens the
 * prompt (completion models).
 */
export function completionsOperation(deps: OperationDeps): OperationSpec {
  return {
    operation: 'completions',
    modelKind: 'a completion or chat model',
    modes: ['completion', 'chat', 'responses'],

    read(ex) {
      const body = parseJsonBody(ex.input.rawBody);
      ex.body = body;
      if (typeof body.model !== 'string' || body.model.trim() === '')
        throw new InvalidRequestError('you must provide a model parameter', 'model');
      if (body.stream !== undefined && body.stream !== null && typeof body.stream !== 'boolean')
        throw new InvalidRequestError('stream must be a boolean', 'stream');
      const tokens = estimateTextTokens(promptTexts(body.prompt));
      const maxTokens = typeof body.max_tokens === 'number' ? body.max_tokens : undefined;
      return {
        model: body.model,
        stream: body.stream === true,
        estimatedInputTokens: tokens,
        maxTokens,
        estimateCost: (c, maxOutput) =>
          meteredCostUsd(c.model.pricing, {
            inputTokens: Math.max(1, tokens),
            outputTokens: maxOutput,
          }),
      };
    },

    supports: (c) =>
      isCompletionModel(c)
        ? familyServes(c, 'completions')
        : deps.chatAdapter(c.providerSpec, 'openai-chat') !== undefined,

    plan(ex, req, c) {
      return isCompletionModel(c) ? passThrough(ex, req, c, deps) : asChat(ex, req, c, deps);
    },

    relay: (ex, _req, plan, upstream) => relaySuccess(ex, plan, upstream),
  };
}

function passThrough(
  ex: ProxyExchange,
  req: OperationRequest,
  c: RouteCandidate,
  deps: OperationDeps,
): UpstreamPlan | undefined {
  const adapter = deps.endpointAdapter(c.providerSpec, 'completions', 'openai-chat');
  if (!adapter) return undefined;
  const body = ex.body!;
  const patch: Record<string, unknown> = {};
  const streamOptions = body.stream_options as { include_usage?: boolean } | undefined;
  // Usage is needed for analytics: asked for, and hidden again from a client that did not ask.
  const injectedUsage = req.stream && streamOptions?.include_usage !== true;
  if (injectedUsage)
    patch.stream_options = Object.assign({}, streamOptions, { include_usage: true });
  const cap = ex.admission?.maxTokensCap;
  if (cap !== undefined) patch.max_tokens = cap;
  const system = ex.admission?.systemPrompt;
  if (system && typeof body.prompt === 'string') patch.prompt = `${system}\n\n${body.prompt}`;
  const payload = samePayload(ex, c, Object.keys(patch).length > 0 ? patch : undefined);
  return { ...operationPlan(ex, c, adapter, payload, { passthrough: true }), injectedUsage };
}

function asChat(
  ex: ProxyExchange,
  req: OperationRequest,
  c: RouteCandidate,
  deps: OperationDeps,
): UpstreamPlan | undefined {
  const adapter = deps.chatAdapter(c.providerSpec, 'openai-chat');
  if (!adapter) return undefined;
  const { chat, echo, droppedParams } = completionsToChat(ex.body!);
  const cap = ex.admission?.maxTokensCap;
  if (cap !== undefined) chat.max_tokens = cap;
  const system = ex.admission?.systemPrompt;
  if (system) chat.messages = [{ role: 'system', content: system }, ...(chat.messages as [])];
  const canonical = toCanonicalRequest('openai-chat', chat);
  canonical.model = c.upstreamModel;
  canonical.stream = req.stream;
  const clientWantsUsage = canonical.includeUsage === true;
  canonical.includeUsage = true;
  const base = operationPlan(ex, c, adapter, '', { passthrough: false });
  const converted = fromCanonicalRequest(adapter.format, canonical, base.ctx);
  // Object.assign, not spreads followed by fields (about 1 µs per field on Node 20).
  const ctx = Object.assign(base.ctx, { toolNameMap: converted.toolNameMap });
  return Object.assign(base, {
    payload: JSON.stringify(converted.body),
    droppedParams: [...droppedParams, ...converted.droppedParams],
    ctx,
    clientEncoding: {
      response: (res: CanonicalResponse) =>
        canonicalToCompletionsResponse(res, Object.assign({}, ctx, { echo })),
      streamEncoder: () =>
        new CompletionsStreamEncoder(
          Object.assign({}, ctx, { echo, includeUsage: clientWantsUsage }),
        ),
    },
  });
}
