import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// `shared/` sits beside the repository (../shared from its root).
const SHARED_SOURCE = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  '..',
  'shared',
  'data',
  'model_prices_and_context_window.json',
);
const SCRIPT = join(__dirname, '..', '..', 'scripts', 'generate-catalog.mjs');
const COMMITTED = join(__dirname, 'models.generated.json');

describe('models.generated.json', () => {
  const committed = readFileSync(COMMITTED, 'utf8');

  it('is what the generator writes from the shared table (or has the known size without it)', () => {
    if (existsSync(SHARED_SOURCE)) {
      const regenerated = execFileSync(process.execPath, [SCRIPT, SHARED_SOURCE, '--stdout'], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      // Compared as data, so running Prettier over the repo cannot make the check fail.
      const canonical = (text: string) => JSON.stringify(JSON.parse(text));
      expect(canonical(regenerated) === canonical(committed)).toBe(true);
    } else {
      const catalog = JSON.parse(committed) as { entryCount: number; entries: unknown[] };
      expect(catalog.entryCount).toBe(2982);
      expect(catalog.entries).toHaveLength(2982);
    }
  });

  it('never turns a missing price into zero', () => {
    const catalog = JSON.parse(committed) as {
      entries: { sourceKey: string; pricing: Record<string, unknown> }[];
    };
    const ollama = catalog.entries.find((entry) => entry.sourceKey === 'ollama/llama3');
    const imageOnly = catalog.entries.find((entry) => entry.sourceKey === '256-x-256/dall-e-2');
    expect(ollama?.pricing).toEqual({ input: 0, output: 0 });
    expect(imageOnly?.pricing).not.toHaveProperty('input');
    expect(imageOnly?.pricing).not.toHaveProperty('output');
  });

  it('strips provider route prefixes into name and provider', () => {
    const catalog = JSON.parse(committed) as {
      entries: { sourceKey: string; name: string; provider: string; upstreamId: string }[];
    };
    const bySource = new Map(catalog.entries.map((entry) => [entry.sourceKey, entry]));
    expect(bySource.get('groq/llama-3.1-8b-instant')).toMatchObject({
      name: 'llama-3.1-8b-instant',
      provider: 'groq',
      upstreamId: 'llama-3.1-8b-instant',
    });
    expect(bySource.get('vertex_ai/claude-opus-4-1')).toMatchObject({ provider: 'vertex_ai' });
    expect(bySource.get('babbage-002')).toMatchObject({ provider: 'openai' });
    expect(bySource.get('hd/1024-x-1024/dall-e-3')).toMatchObject({ upstreamId: 'dall-e-3' });
  });
});
