import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FAKE_IMAGE_B64, ROUTES, type EndpointProvider } from './fake-endpoint-routes';
import { FAKE_KEYS, sendError, sendJson, type FakeProviders } from './fake-providers';

export {
  FAKE_AUDIO,
  FAKE_IMAGE_B64,
  TRANSCRIPT,
  fakeVector,
  type EndpointProvider,
} from './fake-endpoint-routes';

export const ENDPOINT_KEYS = {
  cohere: 'co-fake',
  jina: 'jina-fake',
  voyage: 'pa-voyage-fake',
} as const;

export interface EndpointRequest {
  provider: EndpointProvider;
  path: string;
  headers: IncomingMessage['headers'];
  /** The JSON body, or the form fields of a multipart one (files as their sha256 and size). */
  body: any;
  /** What the real API would have rejected (empty when the request was valid). */
  problems: string[];
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * The endpoints beyond chat on a FakeProviders server: OpenAI's embeddings, completions, moderations,
 * images, speech and transcriptions, Gemini's embeddings and image models, and Cohere, Jina and Voyage
 * rerank. Each checks the credentials and the wire shape its real API expects and answers like it.
 */
export class FakeEndpoints {
  readonly requests: EndpointRequest[] = [];

  constructor(private readonly fake: FakeProviders) {
    fake.extra = (req, res, raw) => this.handle(req, res, raw);
  }

  /** Provider settings for the gateway's environment, beside `FakeProviders.env()`. */
  env(): Record<string, string> {
    const root = this.fake.root;
    return {
      COHERE_API_KEY: ENDPOINT_KEYS.cohere,
      COHERE_BASE_URL: `${root}/cohere`,
      JINA_AI_API_KEY: ENDPOINT_KEYS.jina,
      JINA_AI_BASE_URL: `${root}/jina/v1`,
      VOYAGE_API_KEY: ENDPOINT_KEYS.voyage,
      VOYAGE_BASE_URL: `${root}/voyage/v1`,
    };
  }

  /** Gemini image models answer generateContent with an image (set on the fake's interceptor). */
  answerGeminiImages(): void {
    this.fake.intercept = (req, res) => {
      if (!/image/.test(req.path)) return false;
      const config = req.body.generationConfig ?? {};
      const problems = config.responseModalities?.includes('IMAGE')
        ? []
        : ['responseModalities must include IMAGE'];
      this.requests.push({
        provider: 'gemini',
        path: req.path,
        headers: req.headers,
        body: req.body,
        problems,
      });
      sendJson(res, 200, {
        candidates: [
          {
            content: {
              role: 'model',
              parts: [{ inlineData: { mimeType: 'image/png', data: FAKE_IMAGE_B64 } }],
            },
            finishReason: 'STOP',
          },
        ],
        usageMetadata: { promptTokenCount: 7, candidatesTokenCount: 1290, totalTokenCount: 1297 },
      });
    };
  }

  last(provider: EndpointProvider): EndpointRequest | undefined {
    return this.requests.filter((r) => r.provider === provider).at(-1);
  }

  private async handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    const provider = providerOf(path);
    if (!provider) {
      sendJson(res, 404, { error: { message: `No route ${path}`, type: 'not_found' } });
      return;
    }
    if (!authorized(provider, req.headers, url)) {
      sendError(res, provider === 'gemini' ? 'gemini' : 'openai', 401, 'invalid API key');
      return;
    }
    const contentType = req.headers['content-type'] ?? '';
    const body = contentType.startsWith('multipart/form-data')
      ? await formFields(raw, contentType)
      : parseJson(raw);
    const recorded: EndpointRequest = { provider, path, headers: req.headers, body, problems: [] };
    this.requests.push(recorded);
    const answer = ROUTES.find((r) => r.provider === provider && r.path.test(path));
    if (!answer) {
      sendJson(res, 404, { error: { message: `No route ${path}`, type: 'not_found' } });
      return;
    }
    recorded.problems = answer.check(body ?? {});
    if (recorded.problems.length > 0) {
      sendError(
        res,
        provider === 'gemini' ? 'gemini' : 'openai',
        400,
        recorded.problems.join('; '),
      );
      return;
    }
    await answer.answer(body, res, path);
  }
}

function providerOf(path: string): EndpointProvider | undefined {
  if (path.startsWith('/cohere/')) return 'cohere';
  if (path.startsWith('/jina/')) return 'jina';
  if (path.startsWith('/voyage/')) return 'voyage';
  if (path.startsWith('/v1beta/models/')) return 'gemini';
  if (path.startsWith('/v1/')) return 'openai';
  return undefined;
}

function authorized(p: EndpointProvider, headers: IncomingMessage['headers'], url: URL): boolean {
  switch (p) {
    case 'openai':
      return headers.authorization === `Bearer ${FAKE_KEYS.openai}`;
    case 'gemini':
      return (
        headers['x-goog-api-key'] === FAKE_KEYS.gemini ||
        url.searchParams.get('key') === FAKE_KEYS.gemini
      );
    case 'cohere':
      return headers.authorization === `Bearer ${ENDPOINT_KEYS.cohere}`;
    case 'jina':
      return headers.authorization === `Bearer ${ENDPOINT_KEYS.jina}`;
    case 'voyage':
      return headers.authorization === `Bearer ${ENDPOINT_KEYS.voyage}`;
  }
}

function parseJson(raw: Buffer): any {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Form fields through the platform's own multipart parser; files as { filename, type, size, sha256 }. */
async function formFields(raw: Buffer, contentType: string): Promise<Record<string, unknown>> {
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const out: Record<string, unknown> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') out[name] = value;
    else {
      const bytes = Buffer.from(await value.arrayBuffer());
      out[name] = {
        filename: value.name,
        type: value.type,
        size: bytes.length,
        sha256: sha256(bytes),
      };
    }
  }
  return out;
}
