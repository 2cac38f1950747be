import { createHash } from 'node:crypto';
import OpenAI, { toFile } from 'openai';
import type { RunningServer } from '../src/server';
import { FAKE_AUDIO, FAKE_IMAGE_B64, FakeEndpoints, TRANSCRIPT } from './support/fake-endpoints';
import { FakeProviders } from './support/fake-providers';
import { api, startTestApp } from './support/test-app';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** A WAV-like upload whose bytes hold CR, LF and boundary-looking dashes. */
const AUDIO_FILE = Buffer.concat([
  Buffer.from('RIFF\r\n--\r\n\r\nWAVEfmt '),
  Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 131 + 7) % 256)),
]);
const DOCUMENTS = ['Berlin is in Germany', 'Paris is the capital of France', 'Rome'];

// Images, speech, transcriptions and rerank through the official openai SDK (rerank through fetch in
// Cohere's v2 shape), against fake upstreams that check the wire shapes; each lands in analytics with
// its operation and the cost in its own unit.
describe('images, audio and rerank through the SDKs', () => {
  let app: RunningServer;
  let fake: FakeProviders;
  let endpoints: FakeEndpoints;
  let userId: string;
  let gatewayId: string;
  let secret: string;
  let openai: OpenAI;

  beforeAll(async () => {
    fake = await new FakeProviders().start();
    endpoints = new FakeEndpoints(fake);
    endpoints.answerGeminiImages();
    app = await startTestApp({
      ...fake.env(),
      ...endpoints.env(),
      UPSTREAM_TIMEOUT_MS: '5000',
      UPLOAD_LIMIT_MB: '0.1',
    });
    userId = (await api(app.url, 'POST', '/auth/join')).body.id;
    const gw = (await api(app.url, 'POST', '/gateway/create', { userId, body: { name: 'media' } }))
      .body;
    gatewayId = gw.gateway_id;
    secret = gw.secret;
    openai = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: secret, maxRetries: 0 });
  });
  afterAll(async () => {
    await app?.close();
    await fake?.stop();
  });
  /** Rows older than this (the start of the running test) are never taken for its own. */
  let mark = 0;
  beforeEach(() => {
    endpoints.requests.length = 0;
    mark = Date.now();
  });

  const problems = () => endpoints.requests.map((r) => r.problems);

  describe('images', () => {
    it('passes DALL·E through and prices the size and quality tier', async () => {
      const res = await openai.images.generate({
        model: 'dall-e-3',
        prompt: 'a lighthouse',
        size: '1792x1024',
        quality: 'hd',
      });
      expect(res.data?.[0].b64_json).toBe(FAKE_IMAGE_B64);
      expect(endpoints.last('openai')).toMatchObject({
        path: '/v1/images/generations',
        body: { model: 'dall-e-3', size: '1792x1024', quality: 'hd' },
      });
      const row = await logRow('images', (r) => r.requested_model === 'dall-e-3');
      expect(row.cost_usd).toBeCloseTo(1792 * 1024 * 6.539e-8, 9);
    });

    it('prices a GPT image model by the image tokens it reports', async () => {
      const res = await openai.images.generate({ model: 'gpt-image-1', prompt: 'a fox' });
      expect(res.usage?.output_tokens).toBe(4160);
      const row = await logRow('images', (r) => r.requested_model === 'gpt-image-1');
      expect(row.cost_usd).toBeCloseTo(50 * 0.000005 + 4160 * 0.00004, 9);
    });

    it('generates with a Gemini image model and answers in OpenAI shape, a data URL when asked', async () => {
      const res = await openai.images.generate({
        model: 'gemini-2.5-flash-image',
        prompt: 'a red fox',
        size: '1024x1024',
        response_format: 'url',
      });
      expect(res.data?.[0].url).toBe(`data:image/png;base64,${FAKE_IMAGE_B64}`);
      const sent = endpoints.last('gemini')!;
      expect(sent.path).toBe('/v1beta/models/gemini-2.5-flash-image:generateContent');
      expect(sent.body.generationConfig).toEqual({
        responseModalities: ['IMAGE'],
        imageConfig: { aspectRatio: '1:1' },
      });
      expect(fake.last('gemini')?.problems).toEqual([]);
      const row = await logRow('images', (r) => r.requested_model === 'gemini-2.5-flash-image');
      // 7 prompt tokens at $0.30 per million, one image at $0.039.
      expect(row.cost_usd).toBeCloseTo(7 * 3e-7 + 0.039, 9);
    });

    it('generates with Imagen through :predict', async () => {
      const res = await openai.images.generate({
        model: 'gemini/imagen-4.0-generate-001',
        prompt: 'a fox',
        n: 2,
      });
      expect(res.data?.map((d) => d.b64_json)).toEqual([FAKE_IMAGE_B64, FAKE_IMAGE_B64]);
      expect(endpoints.last('gemini')).toMatchObject({
        path: '/v1beta/models/imagen-4.0-generate-001:predict',
        body: { instances: [{ prompt: 'a fox' }], parameters: { sampleCount: 2 } },
      });
      const row = await logRow('images', (r) => r.requested_model.includes('imagen'));
      expect(row.cost_usd).toBeCloseTo(0.08, 9);
    });

    it('edits an uploaded image with its bytes intact', async () => {
      const png = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 17) % 256));
      const res = await openai.images.edit({
        model: 'dall-e-2',
        image: await toFile(png, 'in.png', { type: 'image/png' }),
        prompt: 'add a hat',
      });
      expect(res.data?.[0].b64_json).toBe(FAKE_IMAGE_B64);
      expect(endpoints.last('openai')!.body.image).toMatchObject({
        size: png.length,
        sha256: sha256(png),
      });
      expect(problems()).toEqual([[]]);
    });
  });

  describe('audio', () => {
    it('streams the speech audio through, byte for byte, priced per character', async () => {
      const input = 'The quick brown fox.';
      const res = await openai.audio.speech.create({ model: 'tts-1', voice: 'alloy', input });
      expect(res.headers.get('content-type')).toBe('audio/mpeg');
      expect(Buffer.from(await res.arrayBuffer()).equals(FAKE_AUDIO)).toBe(true);
      expect(endpoints.last('openai')!.body).toEqual({ model: 'tts-1', voice: 'alloy', input });
      const row = await logRow('speech', () => true);
      expect(row.cost_usd).toBeCloseTo(input.length * 0.000015, 12);
    });

    it('transcribes an upload with the file bytes intact, priced per second', async () => {
      const res = await openai.audio.transcriptions.create({
        model: 'openai/whisper-1',
        file: await toFile(AUDIO_FILE, 'speech.wav', { type: 'audio/wav' }),
        language: 'en',
      });
      expect(res.text).toBe(TRANSCRIPT);
      expect(endpoints.last('openai')!.body).toMatchObject({
        model: 'whisper-1',
        language: 'en',
        file: { filename: 'speech.wav', size: AUDIO_FILE.length, sha256: sha256(AUDIO_FILE) },
      });
      const row = await logRow('transcription', () => true);
      expect(row.cost_usd).toBeCloseTo(30 * 0.0001, 12);
    });

    it('prices verbose_json by its duration, gpt-4o-transcribe by tokens, plain text as unknown', async () => {
      const file = () => toFile(AUDIO_FILE, 'a.wav', { type: 'audio/wav' });
      let since = Date.now();
      const verbose = await openai.audio.transcriptions.create({
        model: 'whisper-1',
        file: await file(),
        response_format: 'verbose_json',
      });
      expect(verbose.duration).toBe(42.5);
      expect((await logRow('transcription', () => true, since)).cost_usd).toBeCloseTo(
        42.5 * 0.0001,
        12,
      );
      since = Date.now();
      await openai.audio.transcriptions.create({ model: 'gpt-4o-transcribe', file: await file() });
      expect(
        (await logRow('transcription', (r) => r.requested_model === 'gpt-4o-transcribe', since))
          .cost_usd,
      ).toBeCloseTo(120 * 0.0000025 + 9 * 0.00001, 12);
      since = Date.now();
      const text = await openai.audio.transcriptions.create({
        model: 'whisper-1',
        file: await file(),
        response_format: 'text',
      });
      expect(text).toBe(`${TRANSCRIPT}\n`);
      const row = await logRow('transcription', (r) => r.status === 200, since);
      expect(row.cost_usd).toBeNull();
    });

    it('translates through /audio/translations', async () => {
      const res = await openai.audio.translations.create({
        model: 'whisper-1',
        file: await toFile(AUDIO_FILE, 'fr.wav', { type: 'audio/wav' }),
      });
      expect(res.text).toBe(TRANSCRIPT);
      expect(endpoints.last('openai')!.path).toBe('/v1/audio/translations');
      expect((await logRow('translation', () => true)).operation).toBe('translation');
    });

    it('logs an upload as its fields and a note per file, never the file bytes', async () => {
      await api(app.url, 'PATCH', `/gateway/${gatewayId}/settings`, {
        userId,
        body: { log_bodies: true },
      });
      try {
        const { response } = await openai.audio.transcriptions
          .create({
            model: 'whisper-1',
            file: await toFile(AUDIO_FILE, 'logged.wav', { type: 'audio/wav' }),
          })
          .withResponse();
        const requestId = response.headers.get('x-gateway-request-id')!;
        await logRow('transcription', (r) => r.request_id === requestId);
        const detail = await api(
          app.url,
          'GET',
          `/analytics/gateway/${gatewayId}/logs/${requestId}`,
          { userId },
        );
        expect(JSON.parse(detail.body.request_body)).toEqual({
          file: `(file logged.wav, ${AUDIO_FILE.length} bytes)`,
          model: 'whisper-1',
        });
      } finally {
        await api(app.url, 'PATCH', `/gateway/${gatewayId}/settings`, {
          userId,
          body: { log_bodies: false },
        });
      }
    });

    it('refuses an upload over UPLOAD_LIMIT_MB with a 413 the SDK reports', async () => {
      const err = await openai.audio.transcriptions
        .create({
          model: 'whisper-1',
          file: await toFile(Buffer.alloc(200_000, 1), 'big.wav', { type: 'audio/wav' }),
        })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OpenAI.APIError);
      expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(413);
      expect(endpoints.requests).toHaveLength(0);
    });

    it('refuses a transcription that is not multipart', async () => {
      const res = await fetch(`${app.url}/v1/audio/transcriptions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'whisper-1' }),
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
        /multipart\/form-data/,
      );
    });
  });

  describe('rerank (Cohere v2 shape)', () => {
    const rerank = (model: string, path = '/v1/rerank') =>
      fetch(`${app.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model, query: 'capital of France', documents: DOCUMENTS, top_n: 2 }),
      });

    it.each([
      ['rerank-v3.5', 'cohere', '/cohere/v2/rerank', { top_n: 2 }, 0.002],
      ['jina-reranker-v2-base-multilingual', 'jina', '/jina/v1/rerank', { top_n: 2 }, 40 * 1.8e-8],
      ['voyage/rerank-2', 'voyage', '/voyage/v1/rerank', { top_k: 2 }, 60 * 5e-8],
    ] as const)('reranks with %s through %s', async (model, provider, path, top, cost) => {
      const res = await rerank(model);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { results: unknown[] };
      expect(body.results[0]).toEqual({ index: 1, relevance_score: 0.98 });
      expect(body.results).toHaveLength(2);
      const sent = endpoints.last(provider)!;
      expect(sent.path).toBe(path);
      expect(sent.body).toMatchObject({ query: 'capital of France', documents: DOCUMENTS, ...top });
      expect(sent.problems).toEqual([]);
      const row = await logRow(
        'rerank',
        (r) => r.provider === (provider === 'jina' ? 'jina_ai' : provider),
      );
      expect(row.cost_usd).toBeCloseTo(cost, 12);
    });

    it("serves the Cohere SDK's own path", async () => {
      const res = await rerank('rerank-v3.5', '/v2/rerank');
      expect(((await res.json()) as { results: { index: number }[] }).results[0].index).toBe(1);
    });

    it('refuses a model that cannot rerank', async () => {
      const res = await rerank('gpt-4o-mini');
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
        /not a rerank model/,
      );
    });
  });

  it("holds a key's budget in each operation's own unit", async () => {
    const key = (
      await api(app.url, 'POST', `/gateway/${gatewayId}/keys`, {
        userId,
        body: { name: 'media budget', limits: { budget_usd_per_day: 0.05 } },
      })
    ).body.key as string;
    const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: key, maxRetries: 0 });
    // A standard 1024×1024 DALL·E 3 image costs $0.04: the second one would pass $0.05.
    const image = () =>
      client.images.generate({ model: 'dall-e-3', prompt: 'a fox', size: '1024x1024' });
    expect((await image()).data).toHaveLength(1);
    expect(await image().catch((e: unknown) => e)).toBeInstanceOf(OpenAI.RateLimitError);
    // gpt-4o-mini-tts has no price per character: a budget cannot be held to it.
    const speech = await client.audio.speech
      .create({ model: 'gpt-4o-mini-tts', voice: 'alloy', input: 'hi' })
      .catch((e: unknown) => e);
    expect(speech).toBeInstanceOf(OpenAI.PermissionDeniedError);
  });

  /** The newest analytics row of an operation matching `keep`, once it has landed. */
  async function logRow(
    operation: string,
    keep: (r: Record<string, any>) => boolean,
    since = mark,
  ): Promise<Record<string, any>> {
    for (let i = 0; i < 50; i++) {
      const page = await api(
        app.url,
        'GET',
        `/analytics/gateway/${gatewayId}/logs?operation=${operation}&limit=50`,
        { userId },
      );
      const row = (page.body.items as Record<string, any>[]).find(
        (r) => Date.parse(r.timestamp) >= since && keep(r),
      );
      if (row) return row;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no ${operation} row reached analytics`);
  }
});
