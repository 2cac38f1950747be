import type { CanonicalFinishReason, ContentPart } from '../canonical/types';

/** A turn that produced tool calls ends as tool_use even when the upstream said stop. */
export function fixFinishReason(
  reason: CanonicalFinishReason,
  sawToolCall: boolean,
): CanonicalFinishReason {
  if (sawToolCall && (reason === 'end_turn' || reason === 'stop_sequence' || reason === 'other'))
    return 'tool_use';
  return reason;
}

export function hasToolCall(parts: ContentPart[]): boolean {
  return parts.some((p) => p.type === 'tool_call');
}
