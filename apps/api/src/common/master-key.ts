import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface MasterKeyResult {
  key: Buffer;
  generated: boolean;
  path?: string;
}

/**
 * MASTER_KEY (64 hex chars) when set; otherwise a key generated once into DATA_DIR/master.key
 * (mode 0600) and reused on every later start, so stored ciphertexts stay readable.
 */
export async function loadMasterKey(dataDir: string, hex?: string): Promise<MasterKeyResult> {
  if (hex) return { key: Buffer.from(hex, 'hex'), generated: false };
  const path = join(dataDir, 'master.key');
  const stored = await readStoredKey(path);
  if (stored) return { key: stored, generated: false, path };
  await mkdir(dataDir, { recursive: true });
  const key = randomBytes(32);
  try {
    await writeFile(path, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process sharing DATA_DIR generated it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      return { key: (await readStoredKey(path))!, generated: false, path };
    throw err;
  }
  return { key, generated: true, path };
}

async function readStoredKey(path: string): Promise<Buffer | undefined> {
  try {
    const stored = (await readFile(path, 'utf8')).trim();
    if (!/^[0-9a-f]{64}$/i.test(stored)) throw new Error(`${path} does not hold 64 hex characters`);
    return Buffer.from(stored, 'hex');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
