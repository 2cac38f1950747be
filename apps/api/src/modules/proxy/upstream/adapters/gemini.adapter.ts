import type { UpstreamAdapter } from './upstream-adapter';

/** Gemini API (Google AI Studio): `<host>/v1beta/models/{model}:generateContent` or `:streamGenerateContent?alt=sse`. */
export const geminiAdapter: UpstreamAdapter = {
  format: 'gemini',
  url: (target, model, stream) =>
    new URL(
      `${target.baseUrl}/v1beta/models/${encodeURIComponent(model)}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
    ),
  headers: () => ({}),
};
