import { describe, expect, it } from 'vitest';
import {
  cosineSimilarity,
  decodeEmbedding,
  embeddingsRequestBody,
  embeddingsView,
  imagesRequestBody,
  imagesView,
  isPricingTier,
  parseInputs,
  parseMode,
  similarityMatrix,
  speechRequestBody,
  transcriptionForm,
  transcriptionText,
} from './modes-shape';

/** Base64 of little-endian float32s, as the embeddings API sends with `encoding_format: base64`. */
function base64Floats(values: number[]): string {
  const bytes = new Uint8Array(new Float32Array(values).buffer);
  return btoa(String.fromCharCode(...bytes));
}

describe('modes', () => {
  it('reads the mode from the URL, chat when unknown', () => {
    expect(parseMode('images')).toBe('images');
    expect(parseMode('video')).toBe('chat');
    expect(parseMode(null)).toBe('chat');
  });

  it('hides the size-and-quality price entries of image models', () => {
    expect(isPricingTier('hd/1024-x-1024/dall-e-3')).toBe(true);
    expect(isPricingTier('1024-x-1024/gpt-image-1.5')).toBe(true);
    expect(isPricingTier('dall-e-3')).toBe(false);
    expect(isPricingTier('openai/gpt-image-1')).toBe(false);
  });

  it('takes one input per non-empty line', () => {
    expect(parseInputs(' a \n\n b\n')).toEqual(['a', 'b']);
  });
});

describe('cosine similarity', () => {
  it('is 1 for the same direction, 0 for orthogonal, -1 for opposite vectors', () => {
    expect(cosineSimilarity([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(cosineSimilarity([1, 0], [0, 5])).toBe(0);
    expect(cosineSimilarity([1, 1], [-1, -1])).toBeCloseTo(-1, 12);
    expect(cosineSimilarity([3, 4], [4, 3])).toBeCloseTo(24 / 25, 12);
  });

  it('is undefined for a zero vector or vectors of different lengths', () => {
    expect(cosineSimilarity([0, 0], [1, 1])).toBeNull();
    expect(cosineSimilarity([1], [1, 2])).toBeNull();
    expect(cosineSimilarity([], [])).toBeNull();
  });

  it('builds a symmetric table with 1 on the diagonal', () => {
    const table = similarityMatrix([
      [1, 0],
      [1, 1],
      [0, 1],
    ]);
    expect(table[0][0]).toBeCloseTo(1, 12);
    expect(table[0][1]).toBeCloseTo(Math.SQRT1_2, 12);
    expect(table[1][0]).toBe(table[0][1]);
    expect(table[0][2]).toBe(0);
  });
});

describe('embeddings', () => {
  it('asks like the openai SDK: base64 vectors, one string or a list, dimensions when set', () => {
    expect(embeddingsRequestBody({ model: 'm', inputs: ['a'], dimensions: null })).toEqual({
      model: 'm',
      input: 'a',
      encoding_format: 'base64',
    });
    expect(embeddingsRequestBody({ model: 'm', inputs: ['a', 'b'], dimensions: 256 })).toEqual({
      model: 'm',
      input: ['a', 'b'],
      encoding_format: 'base64',
      dimensions: 256,
    });
  });

  it('decodes base64 float32 vectors and passes float arrays through', () => {
    expect(decodeEmbedding(base64Floats([0.5, -1.25, 3]))).toEqual([0.5, -1.25, 3]);
    expect(decodeEmbedding([0.1, 0.2])).toEqual([0.1, 0.2]);
  });

  it('shapes an answer in input order with dimensions, first values, similarity and tokens', () => {
    const view = embeddingsView(
      {
        object: 'list',
        model: 'text-embedding-3-small',
        data: [
          { object: 'embedding', index: 1, embedding: base64Floats([0, 1, 0, 0]) },
          { object: 'embedding', index: 0, embedding: [1, 0, 0, 0] },
        ],
        usage: { prompt_tokens: 7, total_tokens: 7 },
      },
      ['first', 'second'],
      2,
    );
    expect(view.rows).toEqual([
      { input: 'first', dimensions: 4, head: [1, 0] },
      { input: 'second', dimensions: 4, head: [0, 1] },
    ]);
    expect(view.similarity).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(view.promptTokens).toBe(7);
    expect(view.model).toBe('text-embedding-3-small');
  });
});

describe('images', () => {
  it('leaves the size out on auto', () => {
    expect(imagesRequestBody({ model: 'm', prompt: 'p', size: 'auto', n: 2 })).toEqual({
      model: 'm',
      prompt: 'p',
      n: 2,
    });
    expect(imagesRequestBody({ model: 'm', prompt: 'p', size: '512x512', n: 1 })).toMatchObject({
      size: '512x512',
    });
  });

  it('shows b64_json as data URLs in the named format, and URLs as they are', () => {
    const view = imagesView({
      created: 1,
      output_format: 'webp',
      data: [
        { b64_json: 'AAAA' },
        { url: 'https://img.example/1.png', revised_prompt: 'better' },
        {},
      ],
      usage: { input_tokens: 10, output_tokens: 4160, total_tokens: 4170 },
    });
    expect(view.images).toEqual([
      { src: 'data:image/webp;base64,AAAA', revisedPrompt: null },
      { src: 'https://img.example/1.png', revisedPrompt: 'better' },
    ]);
    expect(view.tokens).toEqual({ input: 10, output: 4160 });
    expect(imagesView({ data: [{ b64_json: 'QQ==' }] }).images[0].src).toBe(
      'data:image/png;base64,QQ==',
    );
  });
});

describe('audio', () => {
  it('asks for speech in the chosen voice and format', () => {
    expect(
      speechRequestBody({ model: 'tts-1', input: 'hi', voice: 'nova', format: 'wav' }),
    ).toEqual({ model: 'tts-1', input: 'hi', voice: 'nova', response_format: 'wav' });
  });

  it('uploads the file with the model as a multipart form', () => {
    const file = new File([new Uint8Array([1, 2, 3])], 'a.mp3', { type: 'audio/mpeg' });
    const form = transcriptionForm(file, 'whisper-1');
    expect(form.get('model')).toBe('whisper-1');
    expect((form.get('file') as File).name).toBe('a.mp3');
    expect((form.get('file') as File).size).toBe(3);
  });

  it('reads the text of a JSON transcription, or takes plain text as it is', () => {
    expect(transcriptionText('{"text":"hello"}', 'application/json')).toBe('hello');
    expect(transcriptionText('hello', 'text/plain')).toBe('hello');
    expect(transcriptionText('{"oops":1}', 'application/json')).toBe('{"oops":1}');
  });
});
