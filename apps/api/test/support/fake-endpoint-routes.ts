import type { ServerResponse } from 'node:http';
import { sendJson } from './fake-providers';

// What each fake endpoint checks and answers, as its real API does (used by fake-endpoints.ts).

export type EndpointProvider = 'openai' | 'gemini' | 'cohere' | 'jina' | 'voyage';

/** The deterministic vector the fake answers for input `i`. */
export const fakeVector = (i: number, dims: number) =>
  Array.from({ length: dims }, (_, k) => (i + 1) * 0.25 + k * 0.125);

/** The fake audio bytes of /audio/speech: sent in several chunks. */
export const FAKE_AUDIO = Buffer.from(Array.from({ length: 48_000 }, (_, i) => (i * 7 + 3) % 256));
export const FAKE_IMAGE_B64 = Buffer.from('fake-png-bytes').toString('base64');
export const TRANSCRIPT = 'Hello from the fake transcriber';

export interface Route {
  provider: EndpointProvider;
  path: RegExp;
  check(body: any): string[];
  answer(body: any, res: ServerResponse, path: string): void | Promise<void>;
}

const need = (cond: boolean, problem: string) => (cond ? [] : [problem]);
const isText = (v: unknown) => typeof v === 'string' && v !== '';
const isTokens = (v: unknown) => Array.isArray(v) && v.every((t) => Number.isInteger(t));

function openAIInputs(input: unknown): unknown[] {
  if (typeof input === 'string' || isTokens(input)) return [input];
  return Array.isArray(input) ? input : [];
}

function embeddingsAnswer(body: any, res: ServerResponse, renames: Record<string, string> = {}) {
  const inputs = openAIInputs(body.input);
  const dims = body[renames.dimensions ?? 'dimensions'] ?? 8;
  const base64 = body[renames.encoding_format ?? 'encoding_format'] === 'base64';
  sendJson(res, 200, {
    object: 'list',
    data: inputs.map((_, i) => {
      const v = fakeVector(i, dims);
      const f32 = Buffer.from(new Float32Array(v).buffer);
      return { object: 'embedding', index: i, embedding: base64 ? f32.toString('base64') : v };
    }),
    model: body.model,
    usage: { prompt_tokens: 5 * inputs.length, total_tokens: 5 * inputs.length },
  });
}

function checkEmbeddings(body: any, renames: Record<string, string> = {}): string[] {
  const inputs = openAIInputs(body.input);
  const encoding = body[renames.encoding_format ?? 'encoding_format'];
  return [
    ...need(isText(body.model), "Missing required parameter: 'model'."),
    ...need(
      inputs.length > 0 && inputs.every((i) => isText(i) || isTokens(i)),
      "'input' must be a string, strings or token arrays",
    ),
    ...need(
      encoding === undefined || encoding === 'float' || encoding === 'base64',
      'bad encoding_format',
    ),
    ...Object.keys(renames)
      .filter((k) => body[k] !== undefined)
      .map((k) => `unknown parameter '${k}' (this API calls it '${renames[k]}')`),
  ];
}

function completionAnswer(body: any, res: ServerResponse) {
  const base = {
    id: 'cmpl-fake',
    object: 'text_completion',
    created: 1_763_900_000,
    model: body.model,
  };
  const usage = { prompt_tokens: 4, completion_tokens: 3, total_tokens: 7 };
  if (!body.stream) {
    sendJson(res, 200, {
      ...base,
      choices: [
        {
          text: ' world, from a completion model',
          index: 0,
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage,
    });
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const [text, finish] of [
    [' world,', null],
    [' streamed', null],
    ['', 'stop'],
  ] as const)
    res.write(
      `data: ${JSON.stringify({ ...base, choices: [{ text, index: 0, logprobs: null, finish_reason: finish }] })}\n\n`,
    );
  if (body.stream_options?.include_usage)
    res.write(`data: ${JSON.stringify({ ...base, choices: [], usage })}\n\n`);
  res.end('data: [DONE]\n\n');
}

async function speechAnswer(res: ServerResponse) {
  res.writeHead(200, { 'content-type': 'audio/mpeg' });
  for (let at = 0; at < FAKE_AUDIO.length; at += 16_000) {
    res.write(FAKE_AUDIO.subarray(at, at + 16_000));
    await new Promise((r) => setImmediate(r));
  }
  res.end();
}

function transcriptionAnswer(body: any, res: ServerResponse) {
  const format = body.response_format ?? 'json';
  if (format === 'text') {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`${TRANSCRIPT}\n`);
    return;
  }
  if (format === 'verbose_json') {
    sendJson(res, 200, {
      task: 'transcribe',
      language: 'english',
      duration: 42.5,
      text: TRANSCRIPT,
      segments: [],
    });
    return;
  }
  const usage = String(body.model).startsWith('gpt-4o')
    ? {
        type: 'tokens',
        input_tokens: 120,
        input_token_details: { text_tokens: 20, audio_tokens: 100 },
        output_tokens: 9,
        total_tokens: 129,
      }
    : { type: 'duration', seconds: 30 };
  sendJson(res, 200, { text: TRANSCRIPT, usage });
}

function rerankResults(body: any) {
  const docs: string[] = body.documents ?? [];
  const n = body.top_n ?? body.top_k ?? docs.length;
  return docs
    .map((d, index) => ({
      index,
      relevance_score: d.toLowerCase().includes('paris') ? 0.98 : 0.01,
    }))
    .sort((a, b) => b.relevance_score - a.relevance_score)
    .slice(0, n);
}

const checkRerank = (body: any, topField: string) => [
  ...need(isText(body.model), 'model is required'),
  ...need(isText(body.query), 'query is required'),
  ...need(
    Array.isArray(body.documents) && body.documents.every((d: unknown) => typeof d === 'string'),
    'documents must be strings',
  ),
  ...['top_n', 'top_k']
    .filter((f) => f !== topField && body[f] !== undefined)
    .map((f) => `unknown field ${f}`),
];

export const ROUTES: Route[] = [
  {
    provider: 'openai',
    path: /^\/v1\/embeddings$/,
    check: (b) => checkEmbeddings(b),
    answer: (b, res) => embeddingsAnswer(b, res),
  },
  {
    provider: 'openai',
    path: /^\/v1\/completions$/,
    check: (b) => [
      ...need(isText(b.model), "Missing required parameter: 'model'."),
      ...need(b.prompt !== undefined, "Missing required parameter: 'prompt'."),
      ...need(b.messages === undefined, 'Unrecognized request argument supplied: messages'),
    ],
    answer: (b, res) => completionAnswer(b, res),
  },
  {
    provider: 'openai',
    path: /^\/v1\/moderations$/,
    check: (b) => need(b.input !== undefined, "Missing required parameter: 'input'."),
    answer: (b, res) =>
      sendJson(res, 200, {
        id: 'modr-fake',
        model: b.model ?? 'omni-moderation-latest',
        results: [
          { flagged: false, categories: { violence: false }, category_scores: { violence: 0.001 } },
        ],
      }),
  },
  {
    provider: 'openai',
    path: /^\/v1\/images\/generations$/,
    check: (b) => [
      ...need(isText(b.prompt), "Missing required parameter: 'prompt'."),
      ...need(isText(b.model), 'model is required'),
    ],
    answer: (b, res) => {
      const n = b.n ?? 1;
      const data = Array.from({ length: n }, () =>
        b.response_format === 'url'
          ? { url: 'https://images.fake/1.png' }
          : { b64_json: FAKE_IMAGE_B64 },
      );
      const usage = String(b.model).startsWith('gpt-image')
        ? {
            input_tokens: 50,
            input_tokens_details: { text_tokens: 50, image_tokens: 0 },
            output_tokens: 4160,
            total_tokens: 4210,
          }
        : undefined;
      sendJson(res, 200, { created: 1_763_900_000, data, ...(usage ? { usage } : {}) });
    },
  },
  {
    provider: 'openai',
    path: /^\/v1\/images\/edits$/,
    check: (b) => [
      ...need(isText(b.prompt), "Missing required parameter: 'prompt'."),
      ...need(
        typeof b.image === 'object' || typeof b['image[]'] === 'object',
        'image file is required',
      ),
    ],
    answer: (_b, res) =>
      sendJson(res, 200, { created: 1_763_900_000, data: [{ b64_json: FAKE_IMAGE_B64 }] }),
  },
  {
    provider: 'openai',
    path: /^\/v1\/images\/variations$/,
    check: (b) => [
      ...need(typeof b.image === 'object', 'image file is required'),
      ...need(b.prompt === undefined, 'Unrecognized request argument supplied: prompt'),
    ],
    answer: (_b, res) =>
      sendJson(res, 200, { created: 1_763_900_000, data: [{ b64_json: FAKE_IMAGE_B64 }] }),
  },
  {
    provider: 'openai',
    path: /^\/v1\/audio\/speech$/,
    check: (b) => [
      ...need(isText(b.model), 'model is required'),
      ...need(isText(b.input), 'input is required'),
      ...need(isText(b.voice), 'voice is required'),
    ],
    answer: (_b, res) => speechAnswer(res),
  },
  {
    provider: 'openai',
    path: /^\/v1\/audio\/(transcriptions|translations)$/,
    check: (b) => [
      ...need(isText(b.model), 'model is required'),
      ...need(typeof b.file === 'object', 'file is required'),
    ],
    answer: (b, res) => transcriptionAnswer(b, res),
  },
  {
    provider: 'gemini',
    path: /:batchEmbedContents$/,
    check: (b) => {
      const requests: any[] = Array.isArray(b.requests) ? b.requests : [];
      return [
        ...need(requests.length > 0, 'requests is required'),
        ...requests.flatMap((r, i) =>
          need(
            typeof r.model === 'string' &&
              r.model.startsWith('models/') &&
              Array.isArray(r.content?.parts) &&
              r.content.parts.every((p: any) => typeof p.text === 'string'),
            `requests[${i}] must name models/{model} and hold text parts`,
          ),
        ),
      ];
    },
    answer: (b, res) =>
      sendJson(res, 200, {
        embeddings: b.requests.map((r: any, i: number) => ({
          values: fakeVector(i, r.outputDimensionality ?? 8),
        })),
      }),
  },
  {
    provider: 'gemini',
    path: /:embedContent$/,
    check: (b) => need(Array.isArray(b.content?.parts), 'content is required'),
    answer: (b, res) =>
      sendJson(res, 200, { embedding: { values: fakeVector(0, b.outputDimensionality ?? 8) } }),
  },
  {
    provider: 'gemini',
    path: /:predict$/,
    check: (b) => need(isText(b.instances?.[0]?.prompt), 'instances[0].prompt is required'),
    answer: (b, res) =>
      sendJson(res, 200, {
        predictions: Array.from({ length: b.parameters?.sampleCount ?? 1 }, () => ({
          bytesBase64Encoded: FAKE_IMAGE_B64,
          mimeType: 'image/png',
        })),
      }),
  },
  {
    provider: 'cohere',
    path: /^\/cohere\/v2\/rerank$/,
    check: (b) => checkRerank(b, 'top_n'),
    answer: (b, res) =>
      sendJson(res, 200, {
        id: 'rerank-cohere-fake',
        results: rerankResults(b),
        meta: { api_version: { version: '2' }, billed_units: { search_units: 1 } },
      }),
  },
  {
    provider: 'jina',
    path: /^\/jina\/v1\/rerank$/,
    check: (b) => checkRerank(b, 'top_n'),
    answer: (b, res) =>
      sendJson(res, 200, {
        model: b.model,
        results: rerankResults(b),
        usage: { total_tokens: 40 },
      }),
  },
  {
    provider: 'jina',
    path: /^\/jina\/v1\/embeddings$/,
    check: (b) => checkEmbeddings(b, { encoding_format: 'embedding_type' }),
    answer: (b, res) => embeddingsAnswer(b, res, { encoding_format: 'embedding_type' }),
  },
  {
    provider: 'voyage',
    path: /^\/voyage\/v1\/rerank$/,
    check: (b) => checkRerank(b, 'top_k'),
    answer: (b, res) =>
      sendJson(res, 200, {
        object: 'list',
        data: rerankResults(b),
        model: b.model,
        usage: { total_tokens: 60 },
      }),
  },
  {
    provider: 'voyage',
    path: /^\/voyage\/v1\/embeddings$/,
    check: (b) => checkEmbeddings(b, { dimensions: 'output_dimension' }),
    answer: (b, res) => embeddingsAnswer(b, res, { dimensions: 'output_dimension' }),
  },
];
