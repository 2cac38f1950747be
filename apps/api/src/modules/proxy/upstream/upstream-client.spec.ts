import { EventEmitter } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { DomainError, ErrorCode } from '../../../common/domain-errors';
import { UpstreamClient } from './upstream-client';

const ANSWER = '{"ok":true}';

/**
 * A raw HTTP/1.1 upstream: `onRequest(n, socket)` decides for the n-th request (1-based, over all
 * connections) whether to answer it (keeping the connection alive) or to drop the connection.
 */
async function rawUpstream(onRequest: (n: number, socket: Socket) => 'answer' | 'drop') {
  let requests = 0;
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections++;
    let buffered = '';
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      // Every test request has a small body announced by content-length.
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/content-length: *(\d+)/i.exec(buffered.slice(0, end))?.[1] ?? 0);
      if (buffered.length < end + 4 + length) return;
      buffered = buffered.slice(end + 4 + length);
      if (onRequest(++requests, socket) === 'drop') {
        socket.resetAndDestroy();
        return;
      }
      socket.write(
        `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${ANSWER.length}\r\n` +
          `connection: keep-alive\r\n\r\n${ANSWER}`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: new URL(`http://127.0.0.1:${port}/v1/chat/completions`),
    stats: () => ({ requests, connections }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function request(url: URL, signal = new EventEmitter()) {
  return { url, headers: { 'content-type': 'application/json' }, body: '{"a":1}', signal };
}

describe('UpstreamClient', () => {
  let client: UpstreamClient;
  let upstream: Awaited<ReturnType<typeof rawUpstream>> | undefined;

  beforeEach(() => {
    client = new UpstreamClient({ timeoutMs: 5_000, connectTimeoutMs: 2_000 });
  });
  afterEach(async () => {
    await client.close();
    await upstream?.close();
    upstream = undefined;
  });

  it('sends a request again on a new connection when its kept-alive connection drops before the answer', async () => {
    // The second request reuses the first one's connection, which the upstream drops as it arrives
    // (what an upstream closing an idle connection at that same moment looks like).
    upstream = await rawUpstream((n) => (n === 2 ? 'drop' : 'answer'));
    const first = await client.send(request(upstream.url), 'openai');
    expect(await first.body.text()).toBe(ANSWER);

    const second = await client.send(request(upstream.url), 'openai');
    expect(second.statusCode).toBe(200);
    expect(await second.body.text()).toBe(ANSWER);
    expect(upstream.stats()).toEqual({ requests: 3, connections: 2 });
  });

  it('tries only once more: a connection that drops again is a 502 naming the provider', async () => {
    upstream = await rawUpstream(() => 'drop');
    const err = await client.send(request(upstream.url), 'openai').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe(ErrorCode.UpstreamUnreachable);
    expect((err as DomainError).message).toMatch(/^Upstream provider openai is unreachable/);
    expect(upstream.stats().requests).toBe(2);
  });

  it('does not try again once the client has gone', async () => {
    upstream = await rawUpstream(() => 'drop');
    const signal = new EventEmitter() as EventEmitter & { aborted?: boolean };
    const sent = client.send(request(upstream.url, signal), 'openai').catch((e: unknown) => e);
    // Gone after the request left but before the drop is seen: nobody is waiting for a second try.
    signal.aborted = true;
    await sent;
    expect(upstream.stats().requests).toBe(1);
  });

  it('does not send again to an address that refuses connections', async () => {
    upstream = await rawUpstream(() => 'answer');
    const { url } = upstream;
    await upstream.close();
    upstream = undefined;
    const err = await client.send(request(url), 'anthropic').catch((e: unknown) => e);
    expect((err as DomainError).code).toBe(ErrorCode.UpstreamUnreachable);
    expect((err as DomainError).message).toContain('ECONNREFUSED');
  });
});
