import { once } from 'node:events';
import {
  createServer,
  request,
  type ClientRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventSink, type RequestEvent } from '@gateway/analytics';
import { GatewayAccess } from '../src/modules/gateways/gateway-access';
import { AnalyticsService } from '../src/modules/analytics/analytics.service';
import type { RunningServer } from '../src/server';
import { FakeProviders, startSse, type ProviderFamily } from './support/fake-providers';
import { api, startTestApp } from './support/test-app';

// A delta this large fills the socket buffers between the gateway and a client that stops reading in
// a few dozen writes.
const PAD = 'x'.repeat(16 * 1024);
// Bounded: at most this many deltas (128 MiB) per upstream stream.
const MAX_DELTAS = 8192;

/** One upstream stream as the fake saw it. */
interface UpstreamStream {
  /** Resolves when the gateway stopped reading (a write was not drained for a while). */
  stalled: Promise<void>;
  /** Resolves with true when the gateway hung up before the stream's end. */
  closed: Promise<boolean>;
}

/**
 * An endless stream in the family's own SSE format (OpenAI chat chunks or Anthropic message events),
 * written as fast as the gateway reads it. Reports when the gateway stops reading.
 */
function endlessStream(family: ProviderFamily, res: ServerResponse, seen: UpstreamStream[]): void {
  let stalled!: () => void;
  const stream: UpstreamStream = {
    stalled: new Promise((r) => (stalled = r)),
    closed: new Promise((r) => res.once('close', () => r(!res.writableFinished))),
  };
  seen.push(stream);
  const sse = startSse(res);
  const delta =
    family === 'anthropic'
      ? () =>
          sse.event('content_block_delta', {
            type: 'content_block_delta',
            index: 0,
            delta: { type: 'text_delta', text: PAD },
          })
      : () =>
          sse.data({
            id: 'chatcmpl-endless',
            object: 'chat.completion.chunk',
            created: 1_763_900_000,
            model: 'gpt-4o-mini',
            choices: [{ index: 0, delta: { content: PAD }, finish_reason: null }],
          });
  if (family === 'anthropic') {
    sse.event('message_start', {
      type: 'message_start',
      message: {
        id: 'msg_endless',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 9, output_tokens: 1 },
      },
    });
    sse.event('content_block_start', {
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'text', text: '' },
    });
  }
  void (async () => {
    for (let i = 0; i < MAX_DELTAS && !res.destroyed; i++) {
      if (delta()) continue;
      if (!(await drainOrClose(res, 300))) {
        stalled();
        await drainOrClose(res);
      }
    }
    res.end();
  })();
}

/** Resolves with true on 'drain' or 'close', with false after `ms` without either. */
function drainOrClose(res: ServerResponse, ms?: number): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (value: boolean) => {
      clearTimeout(timer);
      res.off('drain', onEvent);
      res.off('close', onEvent);
      resolve(value);
    };
    const onEvent = () => done(true);
    const timer = ms === undefined ? undefined : setTimeout(() => done(false), ms);
    res.on('drain', onEvent);
    res.on('close', onEvent);
  });
}

/** Starts a streaming chat completion and never reads its body. */
function stuckClient(
  base: string,
  secret: string,
  model: string,
): Promise<{ req: ClientRequest; res: IncomingMessage }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/v1/chat/completions`, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    });
    req.on('response', (res) => {
      res.pause();
      resolve({ req, res });
    });
    req.on('error', reject);
    req.end(JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'hi' }] }));
  });
}

describe('streams the client abandons', () => {
  let app: RunningServer;
  let fake: FakeProviders;
  let secret: string;
  let userId: string;
  let gatewayId: string;
  const events: RequestEvent[] = [];
  let unsubscribe: () => void;

  beforeAll(async () => {
    fake = await new FakeProviders().start();
    app = await startTestApp(fake.env());
    const user = await api(app.url, 'POST', '/auth/join');
    userId = user.body.id;
    const gw = await api(app.url, 'POST', '/gateway/create', {
      userId,
      body: { name: 'aborts' },
    });
    secret = gw.body.secret;
    gatewayId = gw.body.gateway_id;
    unsubscribe = app.app.get(EventSink).subscribe(gatewayId, (ev) => events.push(ev));
  });
  afterAll(async () => {
    unsubscribe?.();
    await app?.close();
    await fake?.stop();
  });
  beforeEach(() => {
    fake.reset();
    events.length = 0;
  });

  /** Concurrency slots held on the gateway's providers right now. */
  async function inFlight(): Promise<number> {
    const { body } = await api(app.url, 'GET', `/gateway/${gatewayId}/providers/health`, {
      userId,
    });
    return (body.providers as { concurrency: { in_flight: number; queued: number } }[]).reduce(
      (n, p) => n + p.concurrency.in_flight + p.concurrency.queued,
      0,
    );
  }

  /** Polls (bounded) until `events` holds `count` recorded calls. */
  async function recorded(count: number): Promise<RequestEvent[]> {
    for (let i = 0; i < 200 && events.length < count; i++) await sleep(50);
    return events;
  }

  it.each([
    { path: 'OpenAI → OpenAI (passed through)', family: 'openai' as const, model: 'gpt-4o-mini' },
    {
      path: 'OpenAI → Anthropic (converted)',
      family: 'anthropic' as const,
      model: 'claude-sonnet-4-5',
    },
  ])(
    '$path: a client that stops reading and then hangs up frees its slot and is recorded as 499',
    async ({ family, model }) => {
      const upstream: UpstreamStream[] = [];
      fake.intercept = (req, res) => endlessStream(req.family, res, upstream);
      const client = await stuckClient(app.url, secret, model);
      expect(client.res.statusCode).toBe(200);
      // The gateway's writes to the client are no longer drained, so it stopped reading upstream.
      await upstream[0].stalled;
      expect(fake.last(family)?.family).toBe(family);
      client.req.destroy();

      // The gateway hangs up on the upstream, settles the call and gives its concurrency slot back.
      expect(await upstream[0].closed).toBe(true);
      const [ev] = await recorded(1);
      expect(ev).toMatchObject({ status: 499, errorType: 'client_closed_request' });
      expect(await inFlight()).toBe(0);
    },
  );

  it('many clients hanging up mid-stream on both paths leave no slot and no open upstream', async () => {
    const upstream: UpstreamStream[] = [];
    fake.intercept = (req, res) => endlessStream(req.family, res, upstream);
    const N = 20;
    const clients = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        stuckClient(app.url, secret, i % 2 ? 'claude-sonnet-4-5' : 'gpt-4o-mini'),
      ),
    );
    // Half hang up once their stream has stalled, half right away, mid-stream.
    await Promise.all(upstream.filter((_, i) => i % 2).map((u) => u.stalled));
    for (const c of clients) c.req.destroy();

    expect(await Promise.all(upstream.map((u) => u.closed))).toEqual(Array(N).fill(true));
    const evs = await recorded(N);
    expect(evs).toHaveLength(N);
    expect(evs.every((e) => e.status === 499)).toBe(true);
    expect(await inFlight()).toBe(0);
  });

  it('a live feed whose client left before it started subscribes nothing', async () => {
    // Both sinks keep their subscribers in a LiveFeed named `feed`.
    const sink = app.app.get(EventSink) as unknown as {
      feed: { subscribers: Map<string, Set<unknown>> };
    };
    const subscribers = () => sink.feed.subscribers.get(gatewayId)?.size ?? 0;
    const before = subscribers();
    // A real response whose client has hung up by the time the feed starts (as after a slow lookup).
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const client = request(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    client.on('error', () => undefined);
    client.end();
    const [, res] = (await once(server, 'request')) as [IncomingMessage, ServerResponse];
    client.destroy();
    await once(res, 'close');
    const grant = await app.app
      .get(GatewayAccess)
      .require({ userId, isAdmin: false }, gatewayId, 'viewer');
    await app.app.get(AnalyticsService).live(grant, res);
    expect(subscribers()).toBe(before);
    server.close();
  });
});
