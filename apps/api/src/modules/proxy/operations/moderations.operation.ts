import { emptyUsage } from '@gateway/converters';
import { meteredCostUsd } from '@gateway/routing';
import { InvalidRequestError } from '../../../common/domain-errors';
import { parseJsonBody } from '../request-body';
import { readJsonAnswer, sendAnswer } from './endpoint-relay';
import {
  estimateTextTokens,
  familyServes,
  operationPlan,
  samePayload,
  type OperationDeps,
  type OperationSpec,
} from './operation';

// https://platform.openai.com/docs/api-reference/moderations/create — the model OpenAI uses when none is named.
const DEFAULT_MODEL = 'omni-moderation-latest';

/** Text of a moderation `input`: a string, strings, or multimodal parts (`{ type: 'text', text }`). */
function inputTexts(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input) || input.length === 0)
    throw new InvalidRequestError("'input' must be a string or a non-empty array", 'input');
  return input.map((v: unknown) =>
    typeof v === 'string'
      ? v
      : typeof (v as { text?: unknown })?.text === 'string'
        ? (v as { text: string }).text
        : '',
  );
}

/**
 * Moderations (`POST /v1/moderations`) to providers with OpenAI's moderation endpoint, passed through.
 * The answer carries no usage: the recorded prompt tokens are the gateway's estimate (OpenAI's
 * moderation models are priced at 0, so the cost is 0, not unknown).
 */
export function moderationsOperation(deps: OperationDeps): OperationSpec {
  return {
    operation: 'moderation',
    modelKind: 'a moderation model',
    modes: ['moderation'],

    read(ex) {
      const body = parseJsonBody(ex.input.rawBody);
      ex.body = body;
      const model = body.model ?? DEFAULT_MODEL;
      if (typeof model !== 'string' || model.trim() === '')
        throw new InvalidRequestError("'model' must be a string", 'model');
      const tokens = estimateTextTokens(inputTexts(body.input));
      return {
        model,
        stream: false,
        estimatedInputTokens: tokens,
        estimateCost: (c) =>
          meteredCostUsd(c.model.pricing, { inputTokens: Math.max(1, tokens), outputTokens: 0 }),
      };
    },

    supports: (c) => familyServes(c, 'moderations'),

    plan(ex, _req, c) {
      const adapter = deps.endpointAdapter(c.providerSpec, 'moderations', 'openai-chat');
      return adapter && operationPlan(ex, c, adapter, samePayload(ex, c), { passthrough: true });
    },

    async relay(ex, req, plan, upstream) {
      const { text, json } = await readJsonAnswer(ex, plan, upstream);
      if (typeof json.id === 'string') ex.call.responseId = json.id;
      ex.call.usage = Object.assign(emptyUsage(), { inputTokens: req.estimatedInputTokens });
      sendAnswer(ex, plan, upstream, text);
    },
  };
}
