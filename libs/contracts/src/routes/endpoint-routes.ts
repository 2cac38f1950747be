import {
  CohereRerankRequest,
  CohereRerankResponse,
  OpenAICompletion,
  OpenAICompletionRequest,
  OpenAIEmbeddingList,
  OpenAIEmbeddingsRequest,
  OpenAIImageRequest,
  OpenAIImageUpload,
  OpenAIImages,
  OpenAIModeration,
  OpenAIModerationRequest,
  OpenAISpeechRequest,
  OpenAITranscription,
  OpenAITranscriptionUpload,
} from '../wire/endpoints';
import {
  GeminiBatchEmbedRequest,
  GeminiEmbedContentRequest,
  GeminiEmbedding,
  GeminiEmbeddings,
} from '../wire/gemini';
import type { RouteSpec } from './route-spec';

const ERRORS = [403, 404, 413, 429, 502, 504] as const;
const OPENAI_DOCS = 'https://platform.openai.com/docs/api-reference';
const UPLOAD = 'A multipart upload, up to `UPLOAD_LIMIT_MB`.';

/** An OpenAI-format endpoint beyond chat: any model of its kind, errors in OpenAI's format. */
function openAi<const S extends Omit<RouteSpec, 'tag' | 'auth' | 'family' | 'errors'>>(spec: S) {
  return { tag: 'OpenAI', auth: 'gateway', family: 'openai', errors: ERRORS, ...spec } as const;
}

/**
 * The endpoints beyond chat: embeddings, legacy completions, moderations, images, audio and rerank,
 * through the same pipeline as chat (keys, limits, fallbacks, analytics with their `operation`).
 */
export const ENDPOINT_ROUTES = {
  'POST /v1/embeddings': openAi({
    operationId: 'createEmbeddings',
    summary: 'Embeddings (OpenAI format), any embedding model',
    description:
      "OpenAI models pass through; Gemini, Jina and Voyage models are converted (each provider's own parameter names).",
    body: OpenAIEmbeddingsRequest,
    ok: { status: 200, description: 'The vectors.', schema: OpenAIEmbeddingList },
    externalDocs: { url: `${OPENAI_DOCS}/embeddings/create`, description: 'OpenAI: embeddings' },
  }),
  'POST /v1/completions': openAi({
    operationId: 'createCompletion',
    summary: 'Legacy text completion (OpenAI format)',
    body: OpenAICompletionRequest,
    ok: { status: 200, description: 'The completion.', schema: OpenAICompletion },
    stream: {
      media: 'text/event-stream',
      schema: OpenAICompletion,
      description: 'With `stream: true`: `data:` chunks, then `data: [DONE]`.',
    },
    externalDocs: { url: `${OPENAI_DOCS}/completions/create`, description: 'OpenAI: completions' },
  }),
  'POST /v1/moderations': openAi({
    operationId: 'createModeration',
    summary: 'Classify text (and images) as potentially harmful',
    body: OpenAIModerationRequest,
    ok: { status: 200, description: 'One result per input.', schema: OpenAIModeration },
    externalDocs: { url: `${OPENAI_DOCS}/moderations/create`, description: 'OpenAI: moderations' },
  }),
  'POST /v1/images/generations': openAi({
    operationId: 'createImage',
    summary: 'Generate images, any image model (Gemini image models and Imagen converted)',
    body: OpenAIImageRequest,
    ok: { status: 200, description: 'The images.', schema: OpenAIImages },
    externalDocs: { url: `${OPENAI_DOCS}/images/create`, description: 'OpenAI: create image' },
  }),
  'POST /v1/images/edits': openAi({
    operationId: 'editImage',
    summary: 'Edit an image from a prompt',
    description: UPLOAD,
    upload: OpenAIImageUpload,
    ok: { status: 200, description: 'The images.', schema: OpenAIImages },
    externalDocs: { url: `${OPENAI_DOCS}/images/createEdit`, description: 'OpenAI: edit image' },
  }),
  'POST /v1/images/variations': openAi({
    operationId: 'createImageVariation',
    summary: 'Variations of an image',
    description: UPLOAD,
    upload: OpenAIImageUpload,
    ok: { status: 200, description: 'The images.', schema: OpenAIImages },
    externalDocs: {
      url: `${OPENAI_DOCS}/images/createVariation`,
      description: 'OpenAI: image variation',
    },
  }),
  'POST /v1/audio/speech': openAi({
    operationId: 'createSpeech',
    summary: 'Text to speech, streamed through as it arrives',
    body: OpenAISpeechRequest,
    ok: {
      status: 200,
      description: 'The audio, in the `response_format` asked for.',
      media: {
        'audio/mpeg': null,
        'audio/opus': null,
        'audio/aac': null,
        'audio/flac': null,
        'audio/wav': null,
        'audio/pcm': null,
      },
    },
    externalDocs: { url: `${OPENAI_DOCS}/audio/createSpeech`, description: 'OpenAI: speech' },
  }),
  'POST /v1/audio/transcriptions': openAi({
    operationId: 'createTranscription',
    summary: 'Speech to text',
    description: UPLOAD,
    upload: OpenAITranscriptionUpload,
    ok: {
      status: 200,
      description: 'The text: JSON, or plain text for `text`, `srt` and `vtt`.',
      schema: OpenAITranscription,
      media: { 'text/plain': null },
    },
    externalDocs: {
      url: `${OPENAI_DOCS}/audio/createTranscription`,
      description: 'OpenAI: transcription',
    },
  }),
  'POST /v1/audio/translations': openAi({
    operationId: 'createTranslation',
    summary: 'Speech to English text',
    description: UPLOAD,
    upload: OpenAITranscriptionUpload,
    ok: {
      status: 200,
      description: 'The text: JSON, or plain text for `text`, `srt` and `vtt`.',
      schema: OpenAITranscription,
      media: { 'text/plain': null },
    },
    externalDocs: {
      url: `${OPENAI_DOCS}/audio/createTranslation`,
      description: 'OpenAI: translation',
    },
  }),
  'POST /v1/rerank': openAi({
    operationId: 'rerank',
    summary: "Rerank documents (Cohere's v2 shape) with Cohere, Jina or Voyage models",
    body: CohereRerankRequest,
    ok: { status: 200, description: 'The documents by relevance.', schema: CohereRerankResponse },
    externalDocs: {
      url: 'https://docs.cohere.com/reference/rerank',
      description: 'Cohere: rerank',
    },
  }),
  'POST /v2/rerank': openAi({
    operationId: 'rerankCohereSdk',
    summary: "The same as `POST /v1/rerank`, at the path Cohere's own SDK calls",
    body: CohereRerankRequest,
    ok: { status: 200, description: 'The documents by relevance.', schema: CohereRerankResponse },
    externalDocs: {
      url: 'https://docs.cohere.com/reference/rerank',
      description: 'Cohere: rerank',
    },
  }),
  'POST /v1beta/models/{model}:embedContent': {
    operationId: 'geminiEmbedContent',
    summary: 'Embeddings (Gemini format), any embedding model',
    tag: 'Gemini',
    auth: 'gateway',
    family: 'gemini',
    body: GeminiEmbedContentRequest,
    ok: { status: 200, description: 'The vector.', schema: GeminiEmbedding },
    errors: ERRORS,
    externalDocs: {
      url: 'https://ai.google.dev/api/embeddings#method:-models.embedcontent',
      description: 'Gemini: embedContent',
    },
  },
  'POST /v1beta/models/{model}:batchEmbedContents': {
    operationId: 'geminiBatchEmbedContents',
    summary: 'Several embeddings in one call (Gemini format)',
    tag: 'Gemini',
    auth: 'gateway',
    family: 'gemini',
    body: GeminiBatchEmbedRequest,
    ok: { status: 200, description: 'One vector per request.', schema: GeminiEmbeddings },
    errors: ERRORS,
    externalDocs: {
      url: 'https://ai.google.dev/api/embeddings#method:-models.batchembedcontents',
      description: 'Gemini: batchEmbedContents',
    },
  },
} as const satisfies Record<string, RouteSpec>;
