// https://platform.openai.com/docs/api-reference/chat/object (finish_reason)
import type { CanonicalFinishReason } from '../canonical/types';
import type { ToolNameRule } from '../shared/ids';

export const OPENAI_FINISH_FROM = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  function_call: 'tool_use',
  content_filter: 'content_filter',
} as const satisfies Record<string, CanonicalFinishReason>;

export const OPENAI_FINISH_TO = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  content_filter: 'content_filter',
  pause_turn: 'stop',
  context_window_exceeded: 'length',
  malformed_tool_call: 'stop',
  other: 'stop',
} as const satisfies Record<CanonicalFinishReason, string>;

export function finishFromOpenAI(v: unknown): CanonicalFinishReason {
  return typeof v === 'string' && v in OPENAI_FINISH_FROM
    ? OPENAI_FINISH_FROM[v as keyof typeof OPENAI_FINISH_FROM]
    : 'other';
}

/** Request fields the converter understands; anything else is reported as dropped. */
export const OPENAI_CHAT_KNOWN_PARAMS = new Set([
  'model',
  'messages',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'top_k',
  'stop',
  'n',
  'seed',
  'user',
  'safety_identifier',
  'presence_penalty',
  'frequency_penalty',
  'logprobs',
  'top_logprobs',
  'metadata',
  'response_format',
  'reasoning_effort',
  'stream',
  'stream_options',
]);

// Output-token limit of an OpenAI-Chat upstream. OpenAI deprecated `max_tokens` for
// `max_completion_tokens` and its reasoning models (o-series, gpt-5) reject `max_tokens`
// (https://platform.openai.com/docs/api-reference/chat/create#chat-create-max_tokens); Azure OpenAI follows
// OpenAI, and Groq, xAI and Cerebras document `max_completion_tokens`. Most other OpenAI-compatible servers
// (DeepSeek, Mistral, Together, Fireworks, OpenRouter, vLLM/Ollama and friends) document only `max_tokens`
// and ignore or reject the newer name, which would silently lift the limit.
const MAX_COMPLETION_TOKENS_PROVIDERS = new Set(['openai', 'azure', 'groq', 'xai', 'cerebras']);

/**
 * The field an OpenAI-Chat upstream reads its output limit from. Without a provider id (a plain OpenAI
 * base URL) it is OpenAI's own `max_completion_tokens`.
 */
export function openAIMaxTokensField(provider?: string): 'max_completion_tokens' | 'max_tokens' {
  return provider === undefined || MAX_COMPLETION_TOKENS_PROVIDERS.has(provider)
    ? 'max_completion_tokens'
    : 'max_tokens';
}

// OpenAI tool names: a-zA-Z0-9_- up to 64.
export const OPENAI_CHAT_TOOL_NAMES: ToolNameRule = { max: 64, invalid: /[^A-Za-z0-9_-]/g };
