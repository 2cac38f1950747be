// https://platform.openai.com/docs/api-reference/responses/object (status, incomplete_details.reason)
import type { CanonicalFinishReason } from '../canonical/types';
import type { ToolNameRule } from '../shared/ids';

/** Responses has no finish reason: status + incomplete_details.reason, and function_call items. */
export function finishFromResponses(
  status: unknown,
  incompleteReason: unknown,
): CanonicalFinishReason {
  if (status === 'incomplete')
    return incompleteReason === 'content_filter' ? 'content_filter' : 'max_tokens';
  return 'end_turn';
}

export const RESPONSES_INCOMPLETE_REASON = {
  max_tokens: 'max_output_tokens',
  context_window_exceeded: 'max_output_tokens',
  content_filter: 'content_filter',
} as const satisfies Partial<Record<CanonicalFinishReason, string>>;

export function incompleteReason(reason: CanonicalFinishReason): string | undefined {
  return reason in RESPONSES_INCOMPLETE_REASON
    ? RESPONSES_INCOMPLETE_REASON[reason as keyof typeof RESPONSES_INCOMPLETE_REASON]
    : undefined;
}

export const RESPONSES_KNOWN_PARAMS = new Set([
  'model',
  'input',
  'instructions',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'max_output_tokens',
  'temperature',
  'top_p',
  'top_logprobs',
  'user',
  'safety_identifier',
  'metadata',
  'text',
  'reasoning',
  'stream',
  'store',
]);

// Responses tool names: as Chat, a-zA-Z0-9_- up to 64.
export const RESPONSES_TOOL_NAMES: ToolNameRule = { max: 64, invalid: /[^A-Za-z0-9_-]/g };
