import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import type { WireExchange } from '@gateway/contracts';
import { createCall } from './proxy-call';
import { WireCapture, wantsWire } from './wire-capture';

describe('wantsWire', () => {
  it('reads the flag alone or in a comma list, in any case', () => {
    expect(wantsWire('wire')).toBe(true);
    expect(wantsWire('timing, WIRE')).toBe(true);
    expect(wantsWire(['x', 'wire'])).toBe(true);
    expect(wantsWire('wired')).toBe(false);
    expect(wantsWire(undefined)).toBe(false);
  });
});

describe('WireCapture taps an undici request', () => {
  let server: Server;
  let origin: string;
  const agent = new Agent();

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      if (req.url === '/speech') {
        res.writeHead(200, { 'content-type': 'audio/mpeg' });
        res.end(Buffer.alloc(4096, 7));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"n":1}\n\n');
      setTimeout(() => res.end('data: {"n":2}\n\ndata: [DONE]\n\n'), 20);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await agent.close();
    await new Promise((r) => server.close(r));
  });

  function capture() {
    const published: WireExchange[] = [];
    const call = createCall('/v1/chat/completions', 'openai-chat', 'req-1', performance.now());
    return { published, wire: new WireCapture(call, 'gw-1', (c) => published.push(c)) };
  }

  it('keeps the request as sent and the streamed answer in its pieces, without disturbing the reader', async () => {
    const { wire, published } = capture();
    const tap = wire.attempt('openai')!;
    const res = await agent.compose(tap.interceptor).request({
      origin,
      path: '/v1/chat/completions?key=AIzaSecretSecretSecret',
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-short' },
      body: '{"model":"m","stream":true}',
    });
    // The relay reads the body as usual.
    expect(await res.body.text()).toBe('data: {"n":1}\n\ndata: {"n":2}\n\ndata: [DONE]\n\n');
    expect(published).toHaveLength(1);
    const [attempt] = published[0].attempts;
    expect(attempt.request).toEqual({
      method: 'POST',
      url: `${origin}/v1/chat/completions?key=••••`,
      headers: { 'content-type': 'application/json', authorization: 'Bearer ••••' },
      body: {
        content_type: 'application/json',
        bytes: 27,
        text: '{"model":"m","stream":true}',
        truncated: false,
      },
    });
    // Two writes 20 ms apart arrive as (at least) two pieces, in order.
    const chunks = attempt.response!.chunks;
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    expect(chunks[0].text).toBe('data: {"n":1}\n\n');
    expect(chunks.map((c) => c.text).join('')).toBe(attempt.response!.body.text);
    expect(chunks.at(-1)!.at_ms).toBeGreaterThanOrEqual(chunks[0].at_ms);
    expect(attempt.error).toBeNull();
  });

  it('counts a binary answer without keeping it', async () => {
    const { wire, published } = capture();
    const res = await agent.compose(wire.attempt('openai')!.interceptor).request({
      origin,
      path: '/speech',
      method: 'POST',
      body: '{}',
    });
    expect((await res.body.arrayBuffer()).byteLength).toBe(4096);
    expect(published[0].attempts[0].response).toMatchObject({
      status: 200,
      body: { content_type: 'audio/mpeg', bytes: 4096, text: null },
      chunks: [],
    });
  });

  it('records an upstream that cannot be reached, one entry per attempt', async () => {
    const { wire, published } = capture();
    await expect(
      agent.compose(wire.attempt('deepseek')!.interceptor).request({
        origin: 'http://127.0.0.1:9',
        path: '/v1/chat/completions',
        method: 'POST',
        body: '{}',
      }),
    ).rejects.toThrow();
    const [attempt] = published.at(-1)!.attempts;
    expect(attempt.response).toBeNull();
    expect(attempt.error).toMatch(/ECONNREFUSED|connect/i);
    for (let i = 1; i < 12; i++) wire.attempt('x');
    expect(wire.snapshot().attempts).toHaveLength(8);
  });
});
