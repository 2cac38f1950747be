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
    for (let i = 0; i < 100; i++) {
      const now = held();
      if (now.sockets <= before.sockets && now.children <= before.children) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(held()).toEqual(before);
  });
});
