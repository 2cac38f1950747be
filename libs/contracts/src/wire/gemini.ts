// The main fields of the Gemini wire format, for the API reference only (bodies are forwarded as
// bytes or converted by @gateway/converters). https://ai.google.dev/api/generate-content
import { z } from 'zod';

const content = z
  .looseObject({
    role: z.enum(['user', 'model']).optional(),
    parts: z.array(z.looseObject({})),
  })
  .meta({ id: 'GeminiContent' });

export const GeminiGenerateContentRequest = z
  .looseObject({
    contents: z.array(content).min(1),
    systemInstruction: content.optional(),
    generationConfig: z
      .looseObject({
        temperature: z.number().optional(),
        topP: z.number().optional(),
        maxOutputTokens: z.number().int().optional(),
        stopSequences: z.array(z.string()).optional(),
        responseMimeType: z.string().optional(),
        thinkingConfig: z.looseObject({}).optional(),
      })
      .optional(),
    tools: z.array(z.looseObject({})).optional(),
    toolConfig: z.looseObject({}).optional(),
    safetySettings: z.array(z.looseObject({})).optional(),
  })
  .meta({
    id: 'GeminiGenerateContentRequest',
    description:
      'Gemini generateContent request (main fields; the model is in the path, the others are passed on or converted).',
  });

export const GeminiGenerateContentResponse = z
  .looseObject({
    candidates: z.array(
      z.looseObject({
        content: content.optional(),
        finishReason: z.string().optional(),
        index: z.number().int().optional(),
      }),
    ),
    usageMetadata: z
      .looseObject({
        promptTokenCount: z.number().int().optional(),
        candidatesTokenCount: z.number().int().optional(),
        totalTokenCount: z.number().int().optional(),
        cachedContentTokenCount: z.number().int().optional(),
        thoughtsTokenCount: z.number().int().optional(),
      })
      .optional(),
    modelVersion: z.string().optional(),
    responseId: z.string().optional(),
  })
  .meta({
    id: 'GeminiGenerateContentResponse',
    description: 'The answer, or one event / array element of a streamed answer.',
  });

export const GeminiCountTokensRequest = z
  .looseObject({
    contents: z.array(content).optional(),
    generateContentRequest: GeminiGenerateContentRequest.optional(),
  })
  .meta({ id: 'GeminiCountTokensRequest' });

export const GeminiTokenCount = z
  .looseObject({ totalTokens: z.number().int() })
  .meta({ id: 'GeminiTokenCount' });

export const GeminiModelList = z
  .object({
    models: z.array(
      z.object({
        name: z.string().describe('`models/<id>`'),
        displayName: z.string(),
        inputTokenLimit: z.number().int().optional(),
        outputTokenLimit: z.number().int().optional(),
        supportedGenerationMethods: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'GeminiModelList' });

// https://ai.google.dev/api/embeddings
export const GeminiEmbedContentRequest = z
  .looseObject({
    content,
    taskType: z.string().optional(),
    outputDimensionality: z.number().int().optional(),
  })
  .meta({ id: 'GeminiEmbedContentRequest', description: 'Gemini embedContent request.' });

const embedding = z.looseObject({ values: z.array(z.number()) });

export const GeminiEmbedding = z.looseObject({ embedding }).meta({ id: 'GeminiEmbedding' });

export const GeminiBatchEmbedRequest = z
  .looseObject({
    requests: z.array(GeminiEmbedContentRequest.extend({ model: z.string() })).min(1),
  })
  .meta({ id: 'GeminiBatchEmbedRequest', description: 'Gemini batchEmbedContents request.' });

export const GeminiEmbeddings = z
  .looseObject({ embeddings: z.array(embedding) })
  .meta({ id: 'GeminiEmbeddings' });
