// Everything about the gemini wire format, in one object (see ../codec.ts).
import type { WireCodec } from '../codec';
import { geminiBody } from './body';
import { geminiErrors } from './errors';
import { GEMINI_TOOL_NAMES } from './mappings';
import { geminiToCanonical, canonicalToGemini } from './request';
import { geminiResponseToCanonical, canonicalToGeminiResponse } from './response';
import { GeminiStreamDecoder, GeminiStreamEncoder } from './stream';
import { geminiUsage } from './usage';

export const geminiCodec: WireCodec<'gemini'> = {
  format: 'gemini',
  request: { toCanonical: geminiToCanonical, fromCanonical: canonicalToGemini },
  response: { toCanonical: geminiResponseToCanonical, fromCanonical: canonicalToGeminiResponse },
  stream: {
    decoder: () => new GeminiStreamDecoder(),
    encoder: (opts) => new GeminiStreamEncoder(opts),
  },
  errors: geminiErrors,
  usage: geminiUsage,
  body: geminiBody,
  toolNames: GEMINI_TOOL_NAMES,
};
