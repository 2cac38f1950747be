// https://docs.anthropic.com/en/api/messages (stop_reason, tool_choice)
import type { CanonicalFinishReason } from '../canonical/types';
import type { ToolNameRule } from '../shared/ids';

export const ANTHROPIC_STOP_FROM = {
  end_turn: 'end_turn',
  stop_sequence: 'stop_sequence',
  max_tokens: 'max_tokens',
  tool_use: 'tool_use',
  pause_turn: 'pause_turn',
  refusal: 'content_filter',
  model_context_window_exceeded: 'context_window_exceeded',
} as const satisfies Record<string, CanonicalFinishReason>;

export const ANTHROPIC_STOP_TO = {
  end_turn: 'end_turn',
  stop_sequence: 'stop_sequence',
  max_tokens: 'max_tokens',
  tool_use: 'tool_use',
  content_filter: 'refusal',
  pause_turn: 'pause_turn',
  context_window_exceeded: 'model_context_window_exceeded',
  malformed_tool_call: 'end_turn',
  other: 'end_turn',
} as const satisfies Record<CanonicalFinishReason, string>;

export function stopFromAnthropic(v: unknown): CanonicalFinishReason {
  return typeof v === 'string' && v in ANTHROPIC_STOP_FROM
    ? ANTHROPIC_STOP_FROM[v as keyof typeof ANTHROPIC_STOP_FROM]
    : 'other';
}

export const ANTHROPIC_KNOWN_PARAMS = new Set([
  'model',
  'messages',
  'system',
  'max_tokens',
  'tools',
  'tool_choice',
  'temperature',
  'top_p',
  'top_k',
  'stop_sequences',
  'metadata',
  'thinking',
  'output_config',
  'output_format',
  'stream',
]);

/** Used when neither the client nor the model table gives max_tokens (Anthropic requires it). */
export const DEFAULT_ANTHROPIC_MAX_TOKENS = 4096;
export const ANTHROPIC_MIN_THINKING_BUDGET = 1024;

// Anthropic tool names: [a-zA-Z0-9_-]{1,128}.
export const ANTHROPIC_TOOL_NAMES: ToolNameRule = { max: 128, invalid: /[^A-Za-z0-9_-]/g };
