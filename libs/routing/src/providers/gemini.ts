import { defineProvider } from './define-provider';

// https://ai.google.dev/api — paths start at `/v1beta/models/...` (API_FAMILIES.gemini).
export const gemini = defineProvider({
  id: 'gemini',
  displayName: 'Google Gemini API',
  family: 'gemini',
  baseUrl: 'https://generativelanguage.googleapis.com',
  docsUrl: 'https://ai.google.dev/api/generate-content',
});
