import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RequestEvent } from './request-event';
import { Spool, batchToken } from './spool';

const ev = (requestId: string) => ({ requestId, gatewayId: 'g', timestamp: 1 }) as RequestEvent;

describe('batchToken', () => {
  it('is the same for the same request ids and differs otherwise', () => {
    expect(batchToken([ev('a'), ev('b')])).toBe(batchToken([ev('a'), ev('b')]));
    expect(batchToken([ev('a'), ev('b')])).not.toBe(batchToken([ev('b'), ev('a')]));
    expect(batchToken([ev('ab')])).not.toBe(batchToken([ev('a'), ev('b')]));
  });
});

describe('Spool', () => {
  it('writes one file per batch, lists them in write order and reads them back', async () => {
    const spool = new Spool(mkdtempSync(join(tmpdir(), 'spool-')));
    const names: string[] = [];
    for (let i = 0; i < 12; i++) {
      names.push(await spool.write({ token: `t${i}`, rows: [ev(`r${i}`), ev(`s${i}`)] }));
    }
    expect(spool.list()).toEqual(names);
    expect(await spool.read(names[3])).toEqual({ token: 't3', rows: [ev('r3'), ev('s3')] });
    await spool.remove(names[0]);
    expect(spool.list()).toEqual(names.slice(1));
    // Removing a batch another replayer already removed is not an error.
    await expect(spool.remove(names[0])).resolves.toBeUndefined();
  });

  it('ignores a half-written temp file and rejects a truncated batch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spool-'));
    const spool = new Spool(dir);
    writeFileSync(join(dir, '000000000000001-000000000-1.batch.tmp'), '{"token":"x","rows":1}\n');
    const truncated = '000000000000002-000000000-1.batch';
    writeFileSync(join(dir, truncated), '{"token":"x","rows":2}\n{"requestId":"a"}\n');
    expect(spool.list()).toEqual([truncated]);
    await expect(spool.read(truncated)).rejects.toThrow(/holds 1 rows, header says 2/);
    await spool.quarantine(truncated);
    expect(spool.list()).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual([
      '000000000000001-000000000-1.batch.tmp',
      `${truncated}.corrupt`,
    ]);
  });
});
