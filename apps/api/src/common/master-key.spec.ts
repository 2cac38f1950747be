import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMasterKey } from './master-key';

describe('loadMasterKey', () => {
  it('generates a key once into DATA_DIR and reuses it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mk-'));
    const first = await loadMasterKey(dir);
    expect(first.generated).toBe(true);
    expect(statSync(join(dir, 'master.key')).mode & 0o777).toBe(0o600);
    const second = await loadMasterKey(dir);
    expect(second.generated).toBe(false);
    expect(second.key.equals(first.key)).toBe(true);
  });

  it('prefers MASTER_KEY when set', async () => {
    const res = await loadMasterKey('/nonexistent', 'ab'.repeat(32));
    expect(res.key.toString('hex')).toBe('ab'.repeat(32));
  });
});
