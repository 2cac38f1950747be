import { InvalidRequestError } from '../canonical/errors';
import {
  geminiEmbeddingsFromCanonical,
  geminiEmbeddingsResponseFromCanonical,
  geminiEmbeddingsResponseToCanonical,
  geminiEmbeddingsToCanonical,
} from './gemini';
import {
  openAIEmbeddingsFromCanonical,
  openAIEmbeddingsResponseFromCanonical,
  openAIEmbeddingsResponseToCanonical,
  openAIEmbeddingsToCanonical,
} from './openai';
import { vectorFromBase64, vectorToBase64 } from './vectors';

describe('embeddings conversion', () => {
  it('reads every OpenAI input shape, one vector per entry', () => {
    expect(openAIEmbeddingsToCanonical({ model: 'm', input: 'a' }).inputs).toEqual(['a']);
    expect(openAIEmbeddingsToCanonical({ model: 'm', input: ['a', 'b'] }).inputs).toEqual([
      'a',
      'b',
    ]);
    expect(openAIEmbeddingsToCanonical({ model: 'm', input: [1, 2, 3] }).inputs).toEqual([
      [1, 2, 3],
    ]);
    expect(
      openAIEmbeddingsToCanonical({ model: 'm', input: [[1], [2, 3]], encoding_format: 'base64' }),
    ).toMatchObject({ inputs: [[1], [2, 3]], encoding: 'base64' });
  });

  it('refuses empty, mixed or non-text input, and bad dimensions or encodings', () => {
    for (const input of ['', [], ['a', 1], [['a']], { text: 'a' }, ['a', '']]) {
      expect(() => openAIEmbeddingsToCanonical({ model: 'm', input })).toThrow(InvalidRequestError);
    }
    expect(() => openAIEmbeddingsToCanonical({ model: 'm', input: 'a', dimensions: 0 })).toThrow(
      /dimensions/,
    );
    expect(() =>
      openAIEmbeddingsToCanonical({ model: 'm', input: 'a', encoding_format: 'int8' }),
    ).toThrow(/encoding_format/);
  });

  it("writes a provider's own field names", () => {
    const req = openAIEmbeddingsToCanonical({ model: 'voyage-3', input: 'a', dimensions: 256 });
    expect(
      openAIEmbeddingsFromCanonical(req, { renames: { dimensions: 'output_dimension' } }).body,
    ).toEqual({ model: 'voyage-3', input: 'a', encoding_format: 'float', output_dimension: 256 });
  });

  it('round-trips float32 vectors through base64 as the openai SDK decodes them', () => {
    const v = [0.5, -1.25, 3];
    const b64 = vectorToBase64(v);
    const bytes = Buffer.from(b64, 'base64');
    expect(Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, 3))).toEqual(v);
    expect(vectorFromBase64(b64)).toEqual(v);
  });

  it('turns an OpenAI request into a Gemini batch and its answer back', () => {
    const req = openAIEmbeddingsToCanonical({
      model: 'text-embedding-3-small',
      input: ['hello', 'world'],
      dimensions: 8,
    });
    req.model = 'gemini-embedding-001';
    expect(geminiEmbeddingsFromCanonical(req).body).toEqual({
      requests: ['hello', 'world'].map((text) => ({
        model: 'models/gemini-embedding-001',
        content: { parts: [{ text }] },
        outputDimensionality: 8,
      })),
    });
    const answer = geminiEmbeddingsResponseToCanonical({
      embeddings: [{ values: [1, 2] }, { values: [3, 4] }],
    });
    expect(
      openAIEmbeddingsResponseFromCanonical(answer, {
        requestedModel: 'gemini-embedding-001',
        encoding: 'base64',
        inputTokens: 3,
      }),
    ).toEqual({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: vectorToBase64([1, 2]) },
        { object: 'embedding', index: 1, embedding: vectorToBase64([3, 4]) },
      ],
      model: 'gemini-embedding-001',
      usage: { prompt_tokens: 3, total_tokens: 3 },
    });
  });

  it('refuses token arrays for a Gemini upstream', () => {
    const req = openAIEmbeddingsToCanonical({ model: 'm', input: [1, 2] });
    expect(() => geminiEmbeddingsFromCanonical(req)).toThrow(/token arrays/);
  });

  it('turns a Gemini client request into an OpenAI one and the answer back, per method', () => {
    const batch = geminiEmbeddingsToCanonical('batchEmbedContents', {
      requests: [
        {
          model: 'models/text-embedding-3-small',
          content: { parts: [{ text: 'a' }, { text: 'b' }] },
          taskType: 'RETRIEVAL_QUERY',
          outputDimensionality: 4,
        },
        { model: 'models/text-embedding-3-small', content: { parts: [{ text: 'c' }] } },
      ],
    });
    batch.model = 'text-embedding-3-small';
    expect(openAIEmbeddingsFromCanonical(batch, { encoding: 'float' })).toEqual({
      body: {
        model: 'text-embedding-3-small',
        input: ['a\nb', 'c'],
        encoding_format: 'float',
        dimensions: 4,
      },
      droppedParams: ['taskType'],
    });
    const answer = openAIEmbeddingsResponseToCanonical({
      data: [
        { index: 1, embedding: vectorToBase64([3]) },
        { index: 0, embedding: [1] },
      ],
      usage: { prompt_tokens: 2, total_tokens: 2 },
    });
    expect(answer).toEqual({ model: undefined, vectors: [[1], [3]], inputTokens: 2 });
    expect(geminiEmbeddingsResponseFromCanonical('batchEmbedContents', answer)).toEqual({
      embeddings: [{ values: [1] }, { values: [3] }],
    });
    const single = geminiEmbeddingsToCanonical('embedContent', {
      content: { parts: [{ text: 'x' }] },
    });
    expect(single.inputs).toEqual(['x']);
    expect(geminiEmbeddingsResponseFromCanonical('embedContent', answer)).toEqual({
      embedding: { values: [1] },
    });
  });

  it('refuses Gemini contents without text for another provider', () => {
    expect(() =>
      geminiEmbeddingsToCanonical('embedContent', {
        content: { parts: [{ inlineData: { mimeType: 'image/png', data: 'AA==' } }] },
      }),
    ).toThrow(/only text parts/);
    expect(() => geminiEmbeddingsToCanonical('batchEmbedContents', { requests: [] })).toThrow(
      /at least one/,
    );
  });
});
