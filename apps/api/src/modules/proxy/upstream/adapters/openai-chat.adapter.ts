import type { UpstreamAdapter } from './upstream-adapter';

/** OpenAI and every OpenAI-compatible provider: `<base incl. /v1>/chat/completions`. */
export const openAiChatAdapter: UpstreamAdapter = {
  format: 'openai-chat',
  url: (target) => new URL(`${target.baseUrl}/chat/completions`),
  headers: () => ({}),
};

/** OpenAI's own Responses API, used only when a Responses client talks to OpenAI itself. */
export const openAiResponsesAdapter: UpstreamAdapter = {
  format: 'openai-responses',
  url: (target) => new URL(`${target.baseUrl}/responses`),
  headers: () => ({}),
};
