import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

// The built library, as `npm start` loads it (the api's test target depends on the build).
const script = `
const { openAnalyticsStore } = require('@gateway/analytics');
openAnalyticsStore({ url: process.argv[1], dataDir: process.argv[2] })
  .then((s) => s.close(), () => undefined)
  .finally(() => {
    const loaded = Object.keys(require.cache).filter((k) => /[\\\\/]node_modules[\\\\/]chdb[\\\\/]/.test(k));
    process.stdout.write(JSON.stringify(loaded));
  });
`;

describe('analytics store selection', () => {
  it('never loads the embedded ClickHouse library when CLICKHOUSE_URL names a server', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gw-lazy-'));
    // Port 9 (discard) is closed here: the server is unreachable, which must not pull chDB in either.
    const { stdout } = await run(process.execPath, ['-e', script, 'http://127.0.0.1:9', dataDir], {
      cwd: join(__dirname, '..'),
      timeout: 30_000,
    });
    expect(JSON.parse(stdout)).toEqual([]);
  });
});
