// The client's own Chat Completions body, as key policies edit it before any conversion.
import type { BodyCodec } from '../codec';
import { nonEmpty, pickNumber } from '../shared/json';

export const openAIChatBody: BodyCodec = {
  params: {
    maxTokens: 'max_completion_tokens',
    temperature: 'temperature',
    topP: 'top_p',
    topK: 'top_k',
    stop: 'stop',
    n: 'n',
    seed: 'seed',
    user: 'user',
    presencePenalty: 'presence_penalty',
    frequencyPenalty: 'frequency_penalty',
    responseFormat: 'response_format',
    reasoning: 'reasoning_effort',
    toolChoice: 'tool_choice',
    parallelToolCalls: 'parallel_tool_calls',
    logprobs: 'logprobs',
    metadata: 'metadata',
  },
  promptFields: ['messages', 'tools'],
  injectSystemPrompt(body, prompt) {
    const messages = Array.isArray(body.messages) ? body.messages : [];
    return { ...body, messages: [{ role: 'system', content: prompt }, ...messages] };
  },
  requestedMaxTokens: (body) => pickNumber(body.max_completion_tokens, body.max_tokens),
  // `user` is deprecated in favour of `safety_identifier`; either names the end user.
  endUser: (body) => nonEmpty(body.safety_identifier) ?? nonEmpty(body.user),
  /**
   * Whichever of `max_completion_tokens` / `max_tokens` the client sent is capped (both to one value when
   * both were sent, so they never disagree); with neither, the cap goes in `max_completion_tokens`, the
   * field OpenAI's reasoning models require. A provider that reads only `max_tokens` gets it renamed per
   * upstream (`openAIMaxTokensField`).
   */
  withMaxTokens(body, maxTokens) {
    const sent = (['max_completion_tokens', 'max_tokens'] as const).filter(
      (f) => typeof body[f] === 'number',
    );
    if (sent.length === 0) return { ...body, max_completion_tokens: maxTokens };
    const value = Math.min(maxTokens, ...sent.map((f) => body[f] as number));
    return { ...body, ...Object.fromEntries(sent.map((f) => [f, value])) };
  },
};
