import {
  emptyUsage,
  rerankFromCanonical,
  rerankResponseFromCanonical,
  rerankResponseToCanonical,
  rerankToCanonical,
  type CanonicalRerankRequest,
} from '@gateway/converters';
import { meteredCostUsd, type ModelPricing } from '@gateway/routing';
import { InvalidRequestError } from '../../../common/domain-errors';
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

export interface RerankRequest extends OperationRequest {
  rerank: CanonicalRerankRequest;
}

/** Rerank models are priced per search (Cohere) or per token (Jina, Voyage), as the table says. */
const perSearch = (pricing: ModelPricing) => pricing.perQuery !== undefined;

/**
 * Rerank (`POST /v1/rerank`, Cohere's v2 shape) to providers with a rerank API: Cohere (passed
 * through), Jina and Voyage (converted both ways). Priced per search unit when the model is priced so,
 * else per token billed.
 */
export function rerankOperation(deps: OperationDeps): OperationSpec<RerankRequest> {
  return {
    operation: 'rerank',
    modelKind: 'a rerank model',
    modes: ['rerank'],

    read(ex) {
      const body = parseJsonBody(ex.input.rawBody);
      ex.body = body;
      if (typeof body.model !== 'string' || body.model.trim() === '')
        throw new InvalidRequestError('you must provide a model parameter', 'model');
      const rerank = rerankToCanonical(body);
      const tokens = estimateTextTokens([rerank.query, ...rerank.documents]);
      return {
        model: body.model,
        stream: false,
        rerank,
        estimatedInputTokens: tokens,
        estimateCost: (c) =>
          perSearch(c.model.pricing)
            ? meteredCostUsd(c.model.pricing, { inputTokens: 0, outputTokens: 0 }, { queries: 1 })
            : meteredCostUsd(c.model.pricing, {
                inputTokens: Math.max(1, tokens),
                outputTokens: 0,
              }),
      };
    },

    supports: (c) => c.providerSpec.rerankFormat !== undefined && familyServes(c, 'rerank'),

    plan(ex, req, c) {
      const shape = c.providerSpec.rerankFormat;
      const adapter = deps.endpointAdapter(c.providerSpec, 'rerank', 'openai-chat');
      if (!shape || !adapter) return undefined;
      if (shape === 'cohere')
        return operationPlan(ex, c, adapter, samePayload(ex, c), { passthrough: true });
      const converted = rerankFromCanonical(
        shape,
        Object.assign({}, req.rerank, { model: c.upstreamModel }),
      );
      return operationPlan(ex, c, adapter, JSON.stringify(converted.body), {
        passthrough: false,
        droppedParams: converted.droppedParams,
      });
    },

    async relay(ex, req, plan, upstream) {
      const { text, json } = await readJsonAnswer(ex, plan, upstream);
      const shape = plan.candidate.providerSpec.rerankFormat!;
      const answer = rerankResponseToCanonical(shape, json);
      if (perSearch(plan.candidate.model.pricing)) {
        ex.call.usage = Object.assign(emptyUsage(), { inputTokens: answer.totalTokens ?? 0 });
        ex.call.units = { queries: answer.searchUnits ?? 1 };
      } else {
        ex.call.usage = Object.assign(emptyUsage(), {
          inputTokens: answer.totalTokens ?? req.estimatedInputTokens,
        });
      }
      if (typeof json.id === 'string') ex.call.responseId = json.id;
      const out = plan.passthrough
        ? text
        : JSON.stringify(rerankResponseFromCanonical(answer, req.rerank, ex.call.requestId));
      sendAnswer(ex, plan, upstream, out);
    },
  };
}
