import { defineProvider } from './define-provider';

// https://ai.google.dev/api — key in `x-goog-api-key`, paths start at `/v1beta/models/...`.
export const gemini = defineProvider({
  id: 'gemini',
  displayName: 'Google Gemini API',
  family: 'gemini',
  baseUrl: 'https://generativelanguage.googleapis.com',
  auth: 'x-goog-api-key',
  docsUrl: 'https://ai.google.dev/api/generate-content',
});
