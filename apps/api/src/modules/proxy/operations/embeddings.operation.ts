import {
  emptyUsage,
  geminiEmbeddingsFromCanonical,
  geminiEmbeddingsResponseFromCanonical,
  geminiEmbeddingsResponseToCanonical,
  geminiEmbeddingsToCanonical,
  openAIEmbeddingsFromCanonical,
  openAIEmbeddingsResponseFromCanonical,
  openAIEmbeddingsResponseToCanonical,
  openAIEmbeddingsToCanonical,
  openAIEmbeddingsUsage,
  type CanonicalEmbeddingRequest,
  type GeminiEmbedMethod,
} from '@gateway/converters';
import { meteredCostUsd } from '@gateway/routing';
import { InvalidRequestError } from '../../../common/domain-errors';
import type { RouteCandidate } from '../../routing/routing.types';
import type { ProxyExchange } from '../proxy-exchange';
import { parseJsonBody } from '../request-body';
import { readJsonAnswer, sendAnswer } from './endpoint-relay';
import {
  estimateTextTokens,
  familyServes,
  operationPlan,
  samePayload,
  type OperationDeps,
  type OperationRequest,
  type OperationSpec,
} from './operation';

/** The API shape the client spoke: OpenAI's /v1/embeddings, or one of Gemini's two methods. */
export type EmbeddingsClient = 'openai' | GeminiEmbedMethod;

export interface EmbeddingsRequest extends OperationRequest {
  client: EmbeddingsClient;
  /** The request in canonical form; an error instead when only a Gemini upstream can take it. */
  canonical: CanonicalEmbeddingRequest | InvalidRequestError;
}

type UpstreamShape = 'openai' | 'gemini';

function upstreamShape(c: RouteCandidate): UpstreamShape {
  return c.providerSpec.family === 'gemini' ? 'gemini' : 'openai';
}

/** Text of a Gemini body for the estimate, whatever its parts. */
function geminiTexts(body: Record<string, unknown>): string[] {
  const requests = Array.isArray(body.requests) ? body.requests : [body];
  return requests.flatMap((r: any) =>
    Array.isArray(r?.content?.parts)
      ? r.content.parts.map((p: any) => (typeof p?.text === 'string' ? p.text : ''))
      : [],
  );
}

/**
 * Embeddings (`POST /v1/embeddings`, Gemini `:embedContent` / `:batchEmbedContents`) to OpenAI-shaped
 * providers (OpenAI, Azure, Mistral, Together, Jina, Voyage, Cohere's compatibility API) and Gemini.
 * Same shape on both sides passes through (the model id and a provider's own field names patched);
 * otherwise converted through the canonical form. Usage: the upstream's prompt tokens, else (Gemini
 * reports none) the gateway's estimate.
 */
export function embeddingsOperation(
  deps: OperationDeps,
  client: EmbeddingsClient,
): OperationSpec<EmbeddingsRequest> {
  return {
    operation: 'embeddings',
    modelKind: 'an embedding model',
    modes: ['embedding'],

    read(ex) {
      const body = parseJsonBody(ex.input.rawBody);
      ex.body = body;
      let canonical: EmbeddingsRequest['canonical'];
      try {
        canonical =
          client === 'openai'
            ? openAIEmbeddingsToCanonical(body)
            : geminiEmbeddingsToCanonical(client, body);
      } catch (err) {
        // A Gemini content with images still passes through to a Gemini model.
        if (client === 'openai' || !(err instanceof Error)) throw err;
        canonical = new InvalidRequestError(err.message);
      }
      const model = client === 'openai' ? body.model : ex.input.pathModel;
      if (typeof model !== 'string' || model.trim() === '')
        throw new InvalidRequestError('you must provide a model parameter', 'model');
      const tokens = estimateTextTokens(
        canonical instanceof Error ? geminiTexts(body) : canonical.inputs,
      );
      return {
        model,
        stream: false,
        client,
        canonical,
        estimatedInputTokens: tokens,
        estimateCost: (c) =>
          meteredCostUsd(c.model.pricing, { inputTokens: Math.max(1, tokens), outputTokens: 0 }),
      };
    },

    supports: (c) => familyServes(c, 'embeddings'),

    plan(ex, req, c) {
      const shape = upstreamShape(c);
      const format = shape === 'gemini' ? 'gemini' : 'openai-chat';
      if (shape === 'gemini' && client !== 'openai') {
        // Gemini to Gemini: the client's own method and bytes.
        const adapter = deps.endpointAdapter(
          c.providerSpec,
          client === 'embedContent' ? 'embedContent' : 'embeddings',
          format,
        );
        return (
          adapter && operationPlan(ex, c, adapter, geminiPassthrough(ex, c), { passthrough: true })
        );
      }
      const adapter = deps.endpointAdapter(c.providerSpec, 'embeddings', format);
      if (!adapter) return undefined;
      const renames = c.providerSpec.embeddingParams;
      if (shape === 'openai' && client === 'openai') {
        const renamed = renamedFields(ex.body!, renames);
        return operationPlan(ex, c, adapter, samePayload(ex, c, renamed), { passthrough: true });
      }
      if (req.canonical instanceof Error) throw req.canonical;
      const canonical = Object.assign({}, req.canonical, { model: c.upstreamModel });
      const converted =
        shape === 'gemini'
          ? geminiEmbeddingsFromCanonical(canonical)
          : openAIEmbeddingsFromCanonical(canonical, { renames, encoding: 'float' });
      return operationPlan(ex, c, adapter, JSON.stringify(converted.body), {
        passthrough: false,
        droppedParams: converted.droppedParams,
      });
    },

    async relay(ex, req, plan, upstream) {
      const { text, json } = await readJsonAnswer(ex, plan, upstream);
      const shape = upstreamShape(plan.candidate);
      if (plan.passthrough) {
        const tokens = shape === 'openai' ? openAIEmbeddingsUsage(json) : undefined;
        ex.call.usage = Object.assign(emptyUsage(), {
          inputTokens: tokens ?? req.estimatedInputTokens,
        });
        sendAnswer(ex, plan, upstream, text);
        return;
      }
      const answer =
        shape === 'gemini'
          ? geminiEmbeddingsResponseToCanonical(json)
          : openAIEmbeddingsResponseToCanonical(json);
      const inputTokens = answer.inputTokens ?? req.estimatedInputTokens;
      ex.call.usage = Object.assign(emptyUsage(), { inputTokens });
      const canonical = req.canonical as CanonicalEmbeddingRequest;
      const out =
        client === 'openai'
          ? openAIEmbeddingsResponseFromCanonical(answer, {
              requestedModel: ex.call.requestedModel,
              encoding: canonical.encoding,
              inputTokens,
            })
          : geminiEmbeddingsResponseFromCanonical(client, answer);
      sendAnswer(ex, plan, upstream, JSON.stringify(out));
    },
  };
}

/** A provider's own names for OpenAI fields the client sent (undefined when none applies). */
function renamedFields(
  body: Record<string, unknown>,
  renames: Readonly<Record<string, string>> | undefined,
): Record<string, unknown> | undefined {
  if (!renames) return undefined;
  const patch: Record<string, unknown> = {};
  for (const [from, to] of Object.entries(renames)) {
    if (body[from] === undefined) continue;
    patch[from] = undefined;
    patch[to] = body[from];
  }
  return Object.keys(patch).length > 0 ? patch : undefined;
}

/** Gemini's batch requests name their model: it must be the upstream's. */
function geminiPassthrough(ex: ProxyExchange, c: RouteCandidate): string | Buffer {
  const body = ex.body!;
  const model = `models/${c.upstreamModel}`;
  if (!Array.isArray(body.requests)) return ex.input.rawBody!;
  const requests = body.requests as Record<string, unknown>[];
  if (requests.every((r) => r?.model === model)) return ex.input.rawBody!;
  return JSON.stringify(
    Object.assign({}, body, { requests: requests.map((r) => Object.assign({}, r, { model })) }),
  );
}
