import { googleImagesFromAnswer, imagesToGoogle, openAIImagesAnswer } from './images';

describe('images to Google image models', () => {
  it('asks a Gemini image model for image output at the nearest aspect ratio', () => {
    expect(
      imagesToGoogle('generateContent', {
        model: 'gemini-2.5-flash-image',
        prompt: 'a red fox',
        size: '1536x1024',
        quality: 'high',
      }),
    ).toEqual({
      body: {
        contents: [{ role: 'user', parts: [{ text: 'a red fox' }] }],
        generationConfig: { responseModalities: ['IMAGE'], imageConfig: { aspectRatio: '3:2' } },
      },
      droppedParams: ['quality'],
    });
  });

  it('asks Imagen for n samples', () => {
    expect(imagesToGoogle('predict', { prompt: 'a fox', n: 2, size: '1792x1024' }).body).toEqual({
      instances: [{ prompt: 'a fox' }],
      parameters: { sampleCount: 2, aspectRatio: '16:9' },
    });
  });

  it('refuses a missing prompt and an out-of-range n', () => {
    expect(() => imagesToGoogle('predict', { n: 1 })).toThrow(/prompt/);
    expect(() => imagesToGoogle('predict', { prompt: 'x', n: 11 })).toThrow(/'n'/);
  });

  it('answers base64 images, or data URLs when the client asked for URLs', () => {
    const gemini = googleImagesFromAnswer('generateContent', {
      candidates: [
        {
          content: {
            parts: [{ text: 'here' }, { inlineData: { mimeType: 'image/png', data: 'iVBO' } }],
          },
        },
      ],
      usageMetadata: { promptTokenCount: 4 },
    });
    expect(gemini).toEqual({ images: [{ mimeType: 'image/png', data: 'iVBO' }], inputTokens: 4 });
    expect(openAIImagesAnswer(gemini.images, { created: 1, responseFormat: 'b64_json' })).toEqual({
      created: 1,
      data: [{ b64_json: 'iVBO' }],
    });
    const imagen = googleImagesFromAnswer('predict', {
      predictions: [{ bytesBase64Encoded: '/9j/', mimeType: 'image/jpeg' }],
    });
    expect(openAIImagesAnswer(imagen.images, { created: 1, responseFormat: 'url' })).toEqual({
      created: 1,
      data: [{ url: 'data:image/jpeg;base64,/9j/' }],
    });
  });
});
