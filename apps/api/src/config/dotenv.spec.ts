import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withDotEnv } from './dotenv';

describe('withDotEnv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gw-dotenv-'));

  it('adds the file’s variables under the real environment', () => {
    const file = join(dir, '.env');
    writeFileSync(file, '# comment\nPORT=4000\nLOG_LEVEL="debug"\nOPENAI_API_KEY=sk-file\n');
    const env = withDotEnv({ PORT: '5000', HOME: '/x' }, file);
    expect(env).toMatchObject({
      PORT: '5000',
      LOG_LEVEL: 'debug',
      OPENAI_API_KEY: 'sk-file',
      HOME: '/x',
    });
  });

  it('is the environment itself when there is no file', () => {
    const env = { PORT: '1' };
    expect(withDotEnv(env, join(dir, 'missing.env'))).toBe(env);
  });
});
