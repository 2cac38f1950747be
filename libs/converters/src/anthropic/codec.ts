// Everything about the anthropic-messages wire format, in one object (see ../codec.ts).
import type { WireCodec } from '../codec';
import { anthropicBody } from './body';
import { anthropicErrors } from './errors';
import { ANTHROPIC_TOOL_NAMES } from './mappings';
import { anthropicToCanonical, canonicalToAnthropic } from './request';
import { anthropicResponseToCanonical, canonicalToAnthropicResponse } from './response';
import { AnthropicStreamDecoder, AnthropicStreamEncoder } from './stream';
import { anthropicUsage } from './usage';

export const anthropicCodec: WireCodec<'anthropic-messages'> = {
  format: 'anthropic-messages',
  request: { toCanonical: anthropicToCanonical, fromCanonical: canonicalToAnthropic },
  response: {
    toCanonical: anthropicResponseToCanonical,
    fromCanonical: canonicalToAnthropicResponse,
  },
  stream: {
    decoder: () => new AnthropicStreamDecoder(),
    encoder: (opts) => new AnthropicStreamEncoder(opts),
  },
  errors: anthropicErrors,
  usage: anthropicUsage,
  body: anthropicBody,
  toolNames: ANTHROPIC_TOOL_NAMES,
};
