import type { ErrorCodec } from '../codec';
import { openAIErrorFromCanonical, openAIErrorToCanonical } from '../shared/openai-errors';
import { sseFrame } from '../shared/sse';

export const openAIChatErrors: ErrorCodec = {
  toCanonical: openAIErrorToCanonical,
  fromCanonical: openAIErrorFromCanonical,
  // The OpenAI SDK throws on a data: chunk holding an `error` object.
  encodeStream: (err) => sseFrame(undefined, JSON.stringify(openAIErrorFromCanonical(err).body)),
};
