// The main fields of the endpoints beyond chat (embeddings, legacy completions, moderations, images,
// audio, rerank), for the API reference only: the proxy reads what it needs and passes the rest on.
// https://platform.openai.com/docs/api-reference, https://docs.cohere.com/reference/rerank
import { z } from 'zod';

const model = z.string().describe('any model of the right kind the gateway can route');
const tokens = z.array(z.number().int());
const usage = z.looseObject({
  prompt_tokens: z.number().int(),
  total_tokens: z.number().int(),
});

export const OpenAIEmbeddingsRequest = z
  .looseObject({
    model,
    input: z.union([z.string(), z.array(z.string()), tokens, z.array(tokens)]),
    dimensions: z.number().int().optional(),
    encoding_format: z.enum(['float', 'base64']).optional(),
    user: z.string().optional(),
  })
  .meta({
    id: 'OpenAIEmbeddingsRequest',
    description: 'OpenAI embeddings request (any embedding model).',
  });

export const OpenAIEmbeddingList = z
  .looseObject({
    object: z.literal('list'),
    data: z.array(
      z.looseObject({
        object: z.literal('embedding'),
        index: z.number().int(),
        embedding: z
          .union([z.array(z.number()), z.string()])
          .describe('floats, or base64 of little-endian float32 with `encoding_format: base64`'),
      }),
    ),
    model: z.string(),
    usage,
  })
  .meta({ id: 'OpenAIEmbeddingList' });

export const OpenAICompletionRequest = z
  .looseObject({
    model,
    prompt: z.union([z.string(), z.array(z.string()), tokens, z.array(tokens)]),
    max_tokens: z.number().int().optional(),
    temperature: z.number().optional(),
    stream: z.boolean().optional().describe('answer as server-sent events'),
    stop: z.union([z.string(), z.array(z.string())]).optional(),
  })
  .meta({ id: 'OpenAICompletionRequest', description: 'OpenAI legacy completions request.' });

const completionChoice = z.looseObject({
  text: z.string(),
  index: z.number().int(),
  finish_reason: z.string().nullable(),
});

export const OpenAICompletion = z
  .looseObject({
    id: z.string(),
    object: z.literal('text_completion'),
    created: z.number().int(),
    model: z.string(),
    choices: z.array(completionChoice),
    usage: usage.optional(),
  })
  .meta({ id: 'OpenAICompletion', description: 'A completion, or one chunk of its stream.' });

export const OpenAIModerationRequest = z
  .looseObject({
    model: model.optional(),
    input: z.union([z.string(), z.array(z.string()), z.array(z.looseObject({ type: z.string() }))]),
  })
  .meta({ id: 'OpenAIModerationRequest' });

export const OpenAIModeration = z
  .looseObject({
    id: z.string(),
    model: z.string(),
    results: z.array(
      z.looseObject({
        flagged: z.boolean(),
        categories: z.record(z.string(), z.boolean()),
        category_scores: z.record(z.string(), z.number()),
      }),
    ),
  })
  .meta({ id: 'OpenAIModeration' });

export const OpenAIImageRequest = z
  .looseObject({
    model,
    prompt: z.string(),
    n: z.number().int().optional(),
    size: z.string().optional(),
    quality: z.string().optional(),
    response_format: z.enum(['url', 'b64_json']).optional(),
  })
  .meta({
    id: 'OpenAIImageRequest',
    description: 'OpenAI image generation request (any image model).',
  });

/** Image edits and variations: multipart form fields (the files as parts). */
export const OpenAIImageUpload = z
  .looseObject({
    model,
    image: z.string().describe('the image file(s)'),
    prompt: z.string().optional().describe('edits only'),
    mask: z.string().optional(),
    n: z.string().optional(),
    size: z.string().optional(),
    response_format: z.enum(['url', 'b64_json']).optional(),
  })
  .meta({ id: 'OpenAIImageUpload' });

export const OpenAIImages = z
  .looseObject({
    created: z.number().int(),
    data: z.array(
      z.looseObject({
        b64_json: z.string().optional(),
        url: z.string().optional(),
        revised_prompt: z.string().optional(),
      }),
    ),
    usage: z.looseObject({}).optional(),
  })
  .meta({ id: 'OpenAIImages' });

export const OpenAISpeechRequest = z
  .looseObject({
    model,
    input: z.string(),
    voice: z.string(),
    response_format: z.string().optional().describe('mp3 (default), opus, aac, flac, wav, pcm'),
    speed: z.number().optional(),
  })
  .meta({ id: 'OpenAISpeechRequest' });

/** Transcriptions and translations: multipart form fields (the audio file as a part). */
export const OpenAITranscriptionUpload = z
  .looseObject({
    model,
    file: z.string().describe('the audio file'),
    language: z.string().optional(),
    prompt: z.string().optional(),
    response_format: z.string().optional().describe('json (default), text, srt, verbose_json, vtt'),
  })
  .meta({ id: 'OpenAITranscriptionUpload' });

export const OpenAITranscription = z
  .looseObject({ text: z.string() })
  .meta({ id: 'OpenAITranscription', description: 'The text (more fields with verbose_json).' });

export const CohereRerankRequest = z
  .looseObject({
    model,
    query: z.string(),
    documents: z.array(z.union([z.string(), z.looseObject({})])),
    top_n: z.number().int().optional(),
    return_documents: z.boolean().optional(),
  })
  .meta({
    id: 'CohereRerankRequest',
    description: 'Cohere-style rerank request (any rerank model).',
  });

export const CohereRerankResponse = z
  .looseObject({
    results: z.array(z.looseObject({ index: z.number().int(), relevance_score: z.number() })),
  })
  .meta({ id: 'CohereRerankResponse' });
