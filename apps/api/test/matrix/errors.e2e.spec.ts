import type { ServerResponse } from 'node:http';
import Anthropic from '@anthropic-ai/sdk';
import { ApiError, GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { errorBody, sendError, startSse, type ProviderFamily } from '../support/fake-providers';
import { UPSTREAMS, startMatrix, stopMatrix, type Matrix } from './matrix-harness';

type ClientFormat = 'openai-chat' | 'openai-responses' | 'anthropic' | 'gemini';
const CLIENTS: ClientFormat[] = ['openai-chat', 'openai-responses', 'anthropic', 'gemini'];

/** Every client × every upstream family, for test.each. */
const PAIRS = CLIENTS.flatMap((client) => UPSTREAMS.map((u) => ({ client, ...u })));

/** What a user can read off a failed SDK call. */
interface Failure {
  status: number | undefined;
  message: string;
  /** The error body in the client's own format. */
  body: any;
  retryAfter?: string | null;
  sdkClass: string;
}

const MID_STREAM_MESSAGE: Record<ProviderFamily, string> = {
  openai: 'The server had an error while processing your request',
  anthropic: 'Overloaded',
  gemini: 'An internal error has occurred',
};

/** Writes a little of a realistic stream in the family's format, then fails the way that API does. */
function breakStream(family: ProviderFamily, path: string, res: ServerResponse): void {
  const sse = startSse(res);
  switch (family) {
    case 'openai':
      if (path === '/v1/responses') {
        const response = {
          id: 'resp_broken',
          object: 'response',
          status: 'in_progress',
          output: [],
        };
        sse.event('response.created', { type: 'response.created', sequence_number: 0, response });
        sse.event('error', {
          type: 'error',
          sequence_number: 1,
          code: 'server_error',
          message: MID_STREAM_MESSAGE.openai,
          param: null,
        });
        break;
      }
      sse.data({
        id: 'chatcmpl-broken',
        object: 'chat.completion.chunk',
        created: 1_763_900_000,
        model: 'gpt-4o-mini',
        choices: [{ index: 0, delta: { role: 'assistant', content: 'Hel' }, finish_reason: null }],
      });
      sse.data(errorBody('openai', 500, MID_STREAM_MESSAGE.openai));
      break;
    case 'anthropic':
      sse.event('message_start', {
        type: 'message_start',
        message: {
          id: 'msg_broken',
          type: 'message',
          role: 'assistant',
          model: 'claude-sonnet-4-6',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 12, output_tokens: 1 },
        },
      });
      sse.event('content_block_start', {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'text', text: '' },
      });
      sse.event('content_block_delta', {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'text_delta', text: 'Hel' },
      });
      sse.event('error', errorBody('anthropic', 529, MID_STREAM_MESSAGE.anthropic));
      break;
    case 'gemini':
      res.write(
        `data: ${JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ text: 'Hel' }] }, index: 0 }] })}\r\n\r\n`,
      );
      // Gemini ends a failing stream with the error object as the next element.
      res.write(
        `data: ${JSON.stringify(errorBody('gemini', 500, MID_STREAM_MESSAGE.gemini))}\r\n\r\n`,
      );
      break;
  }
  res.end();
}

describe('matrix: upstream errors reach each SDK in its own format', () => {
  let m: Matrix;
  let openai: OpenAI;
  let anthropic: Anthropic;
  let genai: GoogleGenAI;

  beforeAll(async () => {
    m = await startMatrix();
    openai = new OpenAI({ baseURL: `${m.app.url}/v1`, apiKey: m.secret, maxRetries: 0 });
    anthropic = new Anthropic({ baseURL: m.app.url, apiKey: m.secret, maxRetries: 0 });
    genai = new GoogleGenAI({ apiKey: m.secret, httpOptions: { baseUrl: m.app.url } });
  });
  afterAll(() => stopMatrix(m));
  beforeEach(() => m.fake.reset());

  /** One non-streamed call from the client; resolves with how it failed. */
  async function failingCall(client: ClientFormat, model: string): Promise<Failure> {
    try {
      switch (client) {
        case 'openai-chat':
          await openai.chat.completions.create({
            model,
            messages: [{ role: 'user', content: 'hi' }],
          });
          break;
        case 'openai-responses':
          await openai.responses.create({ model, input: 'hi' });
          break;
        case 'anthropic':
          await anthropic.messages.create({
            model,
            max_tokens: 64,
            messages: [{ role: 'user', content: 'hi' }],
          });
          break;
        case 'gemini':
          await genai.models.generateContent({ model, contents: 'hi' });
          break;
      }
    } catch (err) {
      return describeFailure(err);
    }
    throw new Error('the call succeeded');
  }

  /** One streamed call through the SDK's stream helper; resolves with how it failed. */
  async function failingStream(client: ClientFormat, model: string): Promise<Failure> {
    try {
      switch (client) {
        case 'openai-chat':
          await openai.chat.completions
            .stream({ model, messages: [{ role: 'user', content: 'hi' }] })
            .finalChatCompletion();
          break;
        case 'openai-responses':
          await openai.responses.stream({ model, input: 'hi' }).finalResponse();
          break;
        case 'anthropic':
          await anthropic.messages
            .stream({ model, max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] })
            .finalMessage();
          break;
        case 'gemini':
          for await (const _ of await genai.models.generateContentStream({
            model,
            contents: 'hi',
          })) {
            // consume until the error
          }
          break;
      }
    } catch (err) {
      return describeFailure(err);
    }
    throw new Error('the stream ended without an error');
  }

  function describeFailure(err: unknown): Failure {
    if (err instanceof OpenAI.APIError)
      return {
        status: err.status,
        message: err.message,
        body: { error: err.error },
        retryAfter: err.headers?.get('retry-after'),
        sdkClass: err.constructor.name,
      };
    // The Responses stream helper reports an `error` event as a plain OpenAIError.
    if (err instanceof OpenAI.OpenAIError)
      return {
        status: undefined,
        message: err.message,
        body: undefined,
        sdkClass: err.constructor.name,
      };
    if (err instanceof Anthropic.APIError)
      return {
        status: err.status,
        message: err.message,
        body: err.error,
        retryAfter: err.headers?.get('retry-after'),
        sdkClass: err.constructor.name,
      };
    if (err instanceof ApiError) {
      // @google/genai puts the JSON error body into the message.
      const json = /\{[\s\S]*\}/.exec(err.message)?.[0];
      return {
        status: err.status,
        message: err.message,
        body: json ? JSON.parse(json) : undefined,
        sdkClass: 'ApiError',
      };
    }
    // The Responses stream helper rejects with the `error` event itself, as the real API's stream does.
    const event = err as { type?: unknown; message?: unknown };
    if (event?.type === 'error' && typeof event.message === 'string')
      return { status: undefined, message: event.message, body: event, sdkClass: 'error event' };
    throw err;
  }

  test.each(PAIRS)(
    '$client client · $family upstream: 429 keeps its status, message and retry-after',
    async ({ client, family, model }) => {
      m.fake.intercept = (_req, res) =>
        sendError(res, family, 429, 'Rate limit reached for requests', { 'retry-after': '7' });
      const failure = await failingCall(client, model);
      expect(failure.status).toBe(429);
      expect(failure.message).toContain('Rate limit reached for requests');
      switch (client) {
        case 'openai-chat':
        case 'openai-responses':
          expect(failure.sdkClass).toBe('RateLimitError');
          expect(failure.body.error).toMatchObject({
            message: expect.any(String),
            type: expect.any(String),
          });
          expect(failure.retryAfter).toBe('7');
          break;
        case 'anthropic':
          expect(failure.sdkClass).toBe('RateLimitError');
          expect(failure.body).toMatchObject({
            type: 'error',
            error: { type: 'rate_limit_error' },
          });
          expect(failure.retryAfter).toBe('7');
          break;
        case 'gemini': {
          expect(failure.body).toMatchObject({
            error: { code: 429, status: 'RESOURCE_EXHAUSTED' },
          });
          // The SDK does not expose headers: read the same answer over plain HTTP.
          const raw = await fetch(`${m.app.url}/v1beta/models/${model}:generateContent`, {
            method: 'POST',
            headers: { 'x-goog-api-key': m.secret, 'content-type': 'application/json' },
            body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
          });
          expect(raw.status).toBe(429);
          expect(raw.headers.get('retry-after')).toBe('7');
          break;
        }
      }
    },
  );

  test.each(CLIENTS)('%s client: Anthropic 529 overloaded', async (client) => {
    m.fake.intercept = (_req, res) => sendError(res, 'anthropic', 529, 'Overloaded');
    const failure = await failingCall(client, 'claude-sonnet-4-6');
    expect(failure.message).toContain('Overloaded');
    if (client === 'anthropic') {
      // Same format: Anthropic's own status and error type reach the Anthropic SDK.
      expect(failure.status).toBe(529);
      expect(failure.body).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
    } else {
      // 529 is Anthropic's own; the other SDKs see the standard 503.
      expect(failure.status).toBe(503);
      if (client === 'gemini')
        expect(failure.body).toMatchObject({ error: { code: 503, status: 'UNAVAILABLE' } });
      else expect(failure.sdkClass).toBe('InternalServerError');
    }
  });

  test.each(PAIRS)(
    '$client client · $family upstream: an error in the middle of a stream surfaces as an SDK error',
    async ({ client, family, model }) => {
      m.fake.intercept = (req, res) => breakStream(family, req.path, res);
      const failure = await failingStream(client, model);
      expect(failure.message).toContain(MID_STREAM_MESSAGE[family]);
      expect(m.fake.requests).toHaveLength(1);
    },
  );
});
