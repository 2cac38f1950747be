// The client's own Responses body, as key policies edit it before any conversion.
import type { BodyCodec } from '../codec';
import { cappedNumber, nonEmpty, pickNumber } from '../shared/json';

export const responsesBody: BodyCodec = {
  params: {
    maxTokens: 'max_output_tokens',
    temperature: 'temperature',
    topP: 'top_p',
    topK: 'top_k',
    stop: 'stop',
    n: 'n',
    seed: 'seed',
    user: 'user',
    presencePenalty: 'presence_penalty',
    frequencyPenalty: 'frequency_penalty',
    responseFormat: 'text.format',
    reasoning: 'reasoning',
    toolChoice: 'tool_choice',
    parallelToolCalls: 'parallel_tool_calls',
    logprobs: 'top_logprobs',
    metadata: 'metadata',
  },
  promptFields: ['input', 'instructions', 'tools'],
  injectSystemPrompt(body, prompt) {
    const instructions = typeof body.instructions === 'string' ? body.instructions : undefined;
    return { ...body, instructions: instructions ? `${prompt}\n\n${instructions}` : prompt };
  },
  requestedMaxTokens: (body) => pickNumber(body.max_output_tokens),
  endUser: (body) => nonEmpty(body.safety_identifier) ?? nonEmpty(body.user),
  withMaxTokens: (body, maxTokens) => ({
    ...body,
    max_output_tokens: cappedNumber(body.max_output_tokens, maxTokens),
  }),
};
