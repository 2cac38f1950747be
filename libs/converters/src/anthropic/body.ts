// The client's own Messages body, as key policies edit it before any conversion.
import type { BodyCodec } from '../codec';
import { asRecord, cappedNumber, nonEmpty, pickNumber } from '../shared/json';

export const anthropicBody: BodyCodec = {
  params: {
    maxTokens: 'max_tokens',
    temperature: 'temperature',
    topP: 'top_p',
    topK: 'top_k',
    stop: 'stop_sequences',
    n: 'n',
    seed: 'seed',
    user: 'metadata.user_id',
    presencePenalty: 'presence_penalty',
    frequencyPenalty: 'frequency_penalty',
    responseFormat: 'output_config.format',
    reasoning: 'thinking',
    toolChoice: 'tool_choice',
    parallelToolCalls: 'tool_choice.disable_parallel_tool_use',
    logprobs: 'logprobs',
    metadata: 'metadata',
  },
  promptFields: ['system', 'messages', 'tools'],
  injectSystemPrompt(body, prompt) {
    const system = body.system;
    if (system === undefined) return { ...body, system: prompt };
    if (typeof system === 'string') return { ...body, system: `${prompt}\n\n${system}` };
    return {
      ...body,
      system: [{ type: 'text', text: prompt }, ...(Array.isArray(system) ? system : [])],
    };
  },
  requestedMaxTokens: (body) => pickNumber(body.max_tokens),
  endUser: (body) => nonEmpty(asRecord(body.metadata).user_id),
  withMaxTokens: (body, maxTokens) => ({
    ...body,
    max_tokens: cappedNumber(body.max_tokens, maxTokens),
  }),
};
