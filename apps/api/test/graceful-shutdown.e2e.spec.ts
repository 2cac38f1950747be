import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { startChildServer } from './support/child-server';
import { FakeOpenAiUpstream, streamChunks } from './support/fake-openai-upstream';
import { api } from './support/test-app';

describe('graceful shutdown', () => {
  it('lets a stream in flight finish after SIGTERM, then exits 0', async () => {
    const upstream = await new FakeOpenAiUpstream().start();
    upstream.behaviour = (req, res) =>
      streamChunks(
        res,
        req.body.model,
        Array.from({ length: 20 }, (_, i) => `w${i} `),
        50,
      );
    const dataDir = mkdtempSync(join(tmpdir(), 'gw-shutdown-'));
    chmodSync(dataDir, 0o755);
    const server = await startChildServer({
      DATABASE_URL: process.env.DATABASE_URL ?? '',
      DATA_DIR: dataDir,
      ENCRYPTION_KEY: 'c'.repeat(64),
      OPENAI_API_KEY: 'sk-upstream-test',
      OPENAI_BASE_URL: upstream.baseUrl,
      SHUTDOWN_GRACE_MS: '10000',
    });
    try {
      const userId = (await api(server.url, 'POST', '/auth/join')).body.id;
      const { secret } = (
        await api(server.url, 'POST', '/gateway/create', { userId, body: { name: 'drain' } })
      ).body;
      const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: secret, maxRetries: 0 });
      const stream = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      });
      let text = '';
      let exit: Promise<number | null> | undefined;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta?.content ?? '';
        exit ??= server.stop('SIGTERM'); // mid-stream
      }
      expect(text).toBe(Array.from({ length: 20 }, (_, i) => `w${i} `).join(''));
      expect(await exit).toBe(0);
      await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    } finally {
      if (server.proc.exitCode === null) server.proc.kill('SIGKILL');
      await upstream.stop();
    }
  });
});
