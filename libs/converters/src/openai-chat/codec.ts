// Everything about the openai-chat wire format, in one object (see ../codec.ts).
import type { WireCodec } from '../codec';
import { openAIChatBody } from './body';
import { openAIChatErrors } from './errors';
import { OPENAI_CHAT_TOOL_NAMES } from './mappings';
import { openAIChatToCanonical, canonicalToOpenAIChat } from './request';
import { openAIChatResponseToCanonical, canonicalToOpenAIChatResponse } from './response';
import { OpenAIChatStreamDecoder, OpenAIChatStreamEncoder } from './stream';
import { openAIChatUsage } from './usage';

export const openAIChatCodec: WireCodec<'openai-chat'> = {
  format: 'openai-chat',
  request: { toCanonical: openAIChatToCanonical, fromCanonical: canonicalToOpenAIChat },
  response: {
    toCanonical: openAIChatResponseToCanonical,
    fromCanonical: canonicalToOpenAIChatResponse,
  },
  stream: {
    decoder: () => new OpenAIChatStreamDecoder(),
    encoder: (opts) => new OpenAIChatStreamEncoder(opts),
  },
  errors: openAIChatErrors,
  usage: openAIChatUsage,
  body: openAIChatBody,
  toolNames: OPENAI_CHAT_TOOL_NAMES,
};
