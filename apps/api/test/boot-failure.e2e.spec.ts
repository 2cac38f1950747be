import { createServer, type Server } from 'node:net';
import { startTestApp } from './support/test-app';

/** Open handles of the kinds a booted app holds: sockets (Postgres pool) and child processes. */
function held(): { sockets: number; children: number } {
  const kinds = process.getActiveResourcesInfo();
  return {
    sockets: kinds.filter((k) => k === 'TCPSocketWrap').length,
    children: kinds.filter((k) => k === 'ProcessWrap').length,
  };
}

describe('a boot that fails after the app was created', () => {
  let taken: Server;
  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

  it('throws its error and lets go of its connections and its analytics process', async () => {
    const before = held();
    const port = String((taken.address() as { port: number }).port);
    await expect(startTestApp({ PORT: port })).rejects.toThrow(/EADDRINUSE/);
    // Closing is asynchronous on the other side too: the handles go within moments, not at exit.
    // At most as many as before: sockets left by an earlier test file in this worker may close meanwhile.
    const deadline = Date.now() + 15_000;
    let now = held();
    while (
      (now.sockets > before.sockets || now.children > before.children) &&
      Date.now() < deadline
    ) {
      await new Promise((r) => setTimeout(r, 50));
      now = held();
    }
    expect(now.sockets).toBeLessThanOrEqual(before.sockets);
    expect(now.children).toBeLessThanOrEqual(before.children);
  });
});
