// https://ai.google.dev/api/generate-content#FinishReason
import type { CanonicalFinishReason } from '../canonical/types';
import type { ToolNameRule } from '../shared/ids';

export const GEMINI_FINISH_FROM = {
  STOP: 'end_turn',
  MAX_TOKENS: 'max_tokens',
  SAFETY: 'content_filter',
  RECITATION: 'content_filter',
  LANGUAGE: 'content_filter',
  BLOCKLIST: 'content_filter',
  PROHIBITED_CONTENT: 'content_filter',
  SPII: 'content_filter',
  IMAGE_SAFETY: 'content_filter',
  IMAGE_PROHIBITED_CONTENT: 'content_filter',
  MALFORMED_FUNCTION_CALL: 'malformed_tool_call',
  UNEXPECTED_TOOL_CALL: 'malformed_tool_call',
  TOO_MANY_TOOL_CALLS: 'malformed_tool_call',
  OTHER: 'other',
  FINISH_REASON_UNSPECIFIED: 'other',
} as const satisfies Record<string, CanonicalFinishReason>;

// Gemini has no tool-call finish reason: a tool turn is STOP with functionCall parts.
export const GEMINI_FINISH_TO = {
  end_turn: 'STOP',
  stop_sequence: 'STOP',
  tool_use: 'STOP',
  pause_turn: 'STOP',
  other: 'STOP',
  max_tokens: 'MAX_TOKENS',
  context_window_exceeded: 'MAX_TOKENS',
  content_filter: 'SAFETY',
  malformed_tool_call: 'MALFORMED_FUNCTION_CALL',
} as const satisfies Record<CanonicalFinishReason, string>;

export function finishFromGemini(v: unknown): CanonicalFinishReason {
  return typeof v === 'string' && v in GEMINI_FINISH_FROM
    ? GEMINI_FINISH_FROM[v as keyof typeof GEMINI_FINISH_FROM]
    : 'other';
}

// https://ai.google.dev/api/caching#FunctionCallingConfig
export const GEMINI_TOOL_MODE = {
  auto: 'AUTO',
  none: 'NONE',
  required: 'ANY',
  tool: 'ANY',
} as const;

export const GEMINI_KNOWN_PARAMS = new Set([
  'contents',
  'systemInstruction',
  'tools',
  'toolConfig',
  'generationConfig',
  'model',
]);

/** Gemini accepts at most 5 stop sequences. */
export const GEMINI_MAX_STOP = 5;

// Gemini function names: a-zA-Z0-9_.:- up to 64, starting with a letter or _.
export const GEMINI_TOOL_NAMES: ToolNameRule = {
  max: 64,
  invalid: /[^A-Za-z0-9_.:-]/g,
  letterStart: true,
};
