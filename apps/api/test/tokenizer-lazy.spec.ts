import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

// The built modules, as `npm start` loads them (the api's test target depends on the build).
const script = `
const encodings = () =>
  Object.keys(require.cache).filter((k) => /gpt-tokenizer[\\\\/]cjs[\\\\/]encoding[\\\\/]/.test(k)).length;
const { estimateInputTokens } = require('./dist/modules/routing/token-estimate.js');
const { loadedTokenizer } = require('./dist/modules/routing/tokenizer.js');
const before = encodings();
const first = estimateInputTokens({ messages: [{ role: 'user', content: 'hello world' }] }, 'openai-chat', 'gpt-4o');
const during = encodings();
const ready = () => loadedTokenizer('o200k_base');
const wait = () => (ready() ? finish() : setTimeout(wait, 20));
const finish = () => {
  const second = estimateInputTokens({ messages: [{ role: 'user', content: 'hello world' }] }, 'openai-chat', 'gpt-4o');
  process.stdout.write(JSON.stringify({ before, during, after: encodings(), first, second }));
};
wait();
`;

describe('tokenizer loading', () => {
  it('loads an encoding only when a count first needs it, without holding up that request', async () => {
    const { stdout } = await run(process.execPath, ['-e', script], {
      cwd: join(__dirname, '..'),
      timeout: 30_000,
    });
    // The first estimate is characters ÷ 4 while o200k_base loads on a later turn; then it counts.
    expect(JSON.parse(stdout)).toEqual({ before: 0, during: 0, after: 1, first: 4, second: 3 });
  });
});
