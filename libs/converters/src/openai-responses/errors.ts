import type { ErrorCodec } from '../codec';
import { asRecord } from '../shared/json';
import { openAIErrorFromCanonical, openAIErrorToCanonical } from '../shared/openai-errors';
import { sseFrame } from '../shared/sse';

export const responsesErrors: ErrorCodec = {
  toCanonical: openAIErrorToCanonical,
  fromCanonical: openAIErrorFromCanonical,
  // The Responses stream has its own `error` event with the fields flattened.
  encodeStream(err, sequenceNumber = 0) {
    const e = asRecord(openAIErrorFromCanonical(err).body.error);
    return sseFrame(
      'error',
      JSON.stringify({
        type: 'error',
        code: e.code ?? e.type,
        message: e.message,
        param: e.param,
        sequence_number: sequenceNumber,
      }),
    );
  },
};
