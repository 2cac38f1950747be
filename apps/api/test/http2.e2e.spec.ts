import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { connect, type ClientHttp2Session, type IncomingHttpHeaders } from 'node:http2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import OpenAI from 'openai';
import { Agent, fetch as undiciFetch } from 'undici';
import type { RunningServer } from '../src/server';
import {
  FakeOpenAiUpstream,
  completion,
  sendJson,
  streamChunks,
} from './support/fake-openai-upstream';
import { startTestApp } from './support/test-app';

/** A self-signed certificate for 127.0.0.1, made for this run. */
function selfSigned(): { cert: string; key: string; ca: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'gw-h2-'));
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { cert, key, ca: readFileSync(cert) };
}

interface H2Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One request on an HTTP/2 session; resolves when the stream ends (or was reset after its answer). */
function h2(
  session: ClientHttp2Session,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Promise<H2Answer> {
  return new Promise((resolve, reject) => {
    const req = session.request({ ':method': method, ':path': path, ...headers });
    let status = 0;
    let responseHeaders: IncomingHttpHeaders = {};
    let text = '';
    req.on('response', (h) => {
      responseHeaders = h;
      status = Number(h[':status']);
    });
    req.setEncoding('utf8');
    req.on('data', (c: string) => (text += c));
    req.on('close', () =>
      status
        ? resolve({ status, headers: responseHeaders, body: text })
        : reject(new Error('no answer')),
    );
    req.on('error', (err) => (status ? undefined : reject(err)));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** The protocol the server picks when a client offers both. */
function negotiated(url: string, ca: Buffer): Promise<string | false | null> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = tlsConnect(
      { host: hostname, port: Number(port), ca, ALPNProtocols: ['h2', 'http/1.1'] },
      () => {
        resolve(socket.alpnProtocol);
        socket.end();
      },
    );
    socket.on('error', reject);
  });
}

describe('HTTPS with HTTP/2 (ALPN) and HTTP/1.1', () => {
  const tls = selfSigned();
  let upstream: FakeOpenAiUpstream;
  let app: RunningServer;
  let session: ClientHttp2Session;
  let secret: string;
  let userId: string;
  let gatewayId: string;

  beforeAll(async () => {
    upstream = await new FakeOpenAiUpstream().start();
    app = await startTestApp({
      OPENAI_API_KEY: 'sk-upstream-test',
      OPENAI_BASE_URL: upstream.baseUrl,
      TLS_CERT_FILE: tls.cert,
      TLS_KEY_FILE: tls.key,
      BODY_LIMIT_MB: '0.01',
      SHUTDOWN_GRACE_MS: '10000',
    });
    session = connect(app.url, { ca: tls.ca });
    const json = { 'content-type': 'application/json' };
    userId = JSON.parse((await h2(session, 'POST', '/auth/join')).body).id;
    const created = await h2(
      session,
      'POST',
      '/gateway/create',
      { ...json, 'x-user-id': userId },
      JSON.stringify({ name: 'h2' }),
    );
    expect(created.status).toBe(200);
    ({ secret, gateway_id: gatewayId } = JSON.parse(created.body));
  });
  afterAll(async () => {
    session?.destroy();
    await app?.close();
    await upstream?.stop();
  });

  it('offers h2 by ALPN, and serves management routes over it', async () => {
    expect(await negotiated(app.url, tls.ca)).toBe('h2');
    const health = await h2(session, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' });
    // The analytics live feed (server-sent events) opens without HTTP/1-only headers.
    const live = session.request({
      ':path': `/analytics/gateway/${gatewayId}/live`,
      'x-user-id': userId,
    });
    const first = await new Promise<string>((resolve) => {
      live.setEncoding('utf8');
      live.once('data', (c: string) => resolve(c));
    });
    expect(first).toContain(': connected');
    live.close();
  });

  it('streams a proxied chat completion over HTTP/2, event by event', async () => {
    upstream.behaviour = (req, res) => streamChunks(res, req.body.model, ['Hel', 'lo'], 0, true);
    const answer = await h2(
      session,
      'POST',
      '/v1/chat/completions',
      { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      JSON.stringify({
        model: 'gpt-4o-mini',
        stream: true,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    );
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(answer.headers['x-gateway-request-id']).toBeTruthy();
    const events = answer.body
      .split('\n\n')
      .filter((e) => e.startsWith('data: {'))
      .map((e) => JSON.parse(e.slice(6)));
    expect(events.map((e) => e.choices[0]?.delta?.content ?? '').join('')).toBe('Hello');
    expect(answer.body.trim().endsWith('data: [DONE]')).toBe(true);
  });

  it('answers an oversized body with 413 in the client’s format, also when it is refused at once', async () => {
    const headers = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' };
    const big = JSON.stringify({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'x'.repeat(20_000) }],
    });
    const read = await h2(
      session,
      'POST',
      '/v1/chat/completions',
      { ...headers, 'x-request-id': 'too-big-1' },
      big,
    );
    expect(read.status).toBe(413);
    expect(read.headers['x-gateway-request-id']).toBe('too-big-1');
    expect(JSON.parse(read.body).error.message).toMatch(/exceeds the 10 KB limit/);
    // Declared far past the limit: answered while the client is still uploading, then the stream
    // is closed (RST_STREAM NO_ERROR) so the upload stops.
    const upload = session.request({
      ':method': 'POST',
      ':path': '/v1/chat/completions',
      ...headers,
      'content-length': String(200 * 1024 * 1024),
    });
    upload.write('x'.repeat(1000));
    const declared = await new Promise<{ status: number; body: string; code: number }>(
      (resolve) => {
        let status = 0;
        let body = '';
        upload.on('response', (h) => (status = Number(h[':status'])));
        upload.setEncoding('utf8');
        upload.on('data', (c: string) => (body += c));
        upload.on('error', () => undefined);
        upload.on('close', () => resolve({ status, body, code: upload.rstCode }));
      },
    );
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).error.message).toMatch(/limit/);
    expect(declared.code).toBe(0);
    // The session survives for the next request.
    expect((await h2(session, 'GET', '/health')).status).toBe(200);
  });

  it('serves the OpenAI SDK over HTTP/1.1 on the same port', async () => {
    upstream.behaviour = (req, res) => sendJson(res, 200, completion(req.body.model, 'over h1'));
    const dispatcher = new Agent({ connect: { ca: tls.ca } });
    try {
      const client = new OpenAI({
        baseURL: `${app.url}/v1`,
        apiKey: secret,
        maxRetries: 0,
        fetch: ((url: string, init?: RequestInit) =>
          undiciFetch(url, { ...(init as object), dispatcher })) as unknown as typeof fetch,
      });
      const { data, response } = await client.chat.completions
        .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
        .withResponse();
      expect(data.choices[0].message.content).toBe('over h1');
      expect(response.headers.get('x-gateway-provider')).toBe('openai');
    } finally {
      await dispatcher.close();
    }
  });

  it('lets an HTTP/2 stream in flight finish on shutdown, and refuses new streams', async () => {
    upstream.behaviour = (req, res) =>
      streamChunks(
        res,
        req.body.model,
        Array.from({ length: 10 }, (_, i) => `w${i} `),
        50,
        false,
      );
    const inFlight = h2(
      session,
      'POST',
      '/v1/chat/completions',
      { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      JSON.stringify({
        model: 'gpt-4o-mini',
        stream: true,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    );
    // Shut down once the upstream is streaming.
    while (
      upstream.requests.at(-1)?.body?.messages?.[0]?.content !== 'hi' ||
      !upstream.requests.at(-1)?.body?.stream
    )
      await new Promise((r) => setTimeout(r, 20));
    const goaway = new Promise<void>((resolve) => session.once('goaway', () => resolve()));
    const closed = app.close();
    await goaway;
    expect(() => session.request({ ':path': '/health' })).toThrow(/GOAWAY/);
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('w9 ');
    expect(answer.body.trim().endsWith('data: [DONE]')).toBe(true);
    await closed;
    app = undefined as unknown as RunningServer;
  });
});

describe('HTTPS with HTTP2=false', () => {
  it('negotiates HTTP/1.1 only', async () => {
    const tls = selfSigned();
    const app = await startTestApp({
      TLS_CERT_FILE: tls.cert,
      TLS_KEY_FILE: tls.key,
      HTTP2: 'false',
    });
    try {
      expect(await negotiated(app.url, tls.ca)).toBe('http/1.1');
    } finally {
      await app.close();
    }
  });
});
