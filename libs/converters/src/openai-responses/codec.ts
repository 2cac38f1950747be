// Everything about the openai-responses wire format, in one object (see ../codec.ts).
import type { WireCodec } from '../codec';
import { responsesBody } from './body';
import { responsesErrors } from './errors';
import { RESPONSES_TOOL_NAMES } from './mappings';
import { responsesToCanonical, canonicalToResponses } from './request';
import { responsesResponseToCanonical, canonicalToResponsesResponse } from './response';
import { ResponsesStreamDecoder, ResponsesStreamEncoder } from './stream';
import { responsesUsage } from './usage';

export const responsesCodec: WireCodec<'openai-responses'> = {
  format: 'openai-responses',
  request: { toCanonical: responsesToCanonical, fromCanonical: canonicalToResponses },
  response: {
    toCanonical: responsesResponseToCanonical,
    fromCanonical: canonicalToResponsesResponse,
  },
  stream: {
    decoder: () => new ResponsesStreamDecoder(),
    encoder: (opts) => new ResponsesStreamEncoder(opts),
  },
  errors: responsesErrors,
  usage: responsesUsage,
  body: responsesBody,
  toolNames: RESPONSES_TOOL_NAMES,
};
