import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { RequestEvent } from './request-event';

export interface Batch {
  token: string;
  rows: RequestEvent[];
}

export interface SpoolEntry {
  file: string;
}

const SPOOL_FILE = /^\d{15}-\d{9}-\d+\.batch$/;

/**
 * The batch's deduplication token, derived from its request ids: the same rows always get the same
 * token, so a batch replayed from the spool (even by another process) is a no-op if it already landed.
 */
export function batchToken(rows: readonly RequestEvent[]): string {
  const hash = createHash('sha256');
  for (const row of rows) hash.update(row.requestId).update('\n');
  return `rq-${rows.length}-${hash.digest('hex')}`;
}

/**
 * Append-only directory of failed batches, one fsync'd file per batch, named so that lexical order is
 * write order: `<ms since epoch, 15 digits>-<sequence, 9 digits>-<pid>.batch`. A file is written under a
 * `.tmp` name and renamed once synced, so a crash never leaves a half batch under a replayable name.
 * Format: a JSON header line `{token, rows}` then one JSON event per line.
 */
export class Spool {
  private seq = 0;
  private lastMs = 0;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  /** Spooled batch files, oldest first. */
  list(): string[] {
    return readdirSync(this.dir)
      .filter((f) => SPOOL_FILE.test(f))
      .sort();
  }

  async write(batch: Batch): Promise<string> {
    // A strictly increasing clock part keeps order even if the wall clock steps back.
    this.lastMs = Math.max(Date.now(), this.lastMs);
    const name = `${String(this.lastMs).padStart(15, '0')}-${String(this.seq++ % 1e9).padStart(9, '0')}-${process.pid}.batch`;
    const tmp = join(this.dir, `${name}.tmp`);
    let body = JSON.stringify({ token: batch.token, rows: batch.rows.length }) + '\n';
    for (const row of batch.rows) body += JSON.stringify(row) + '\n';
    const fh = await open(tmp, 'wx');
    try {
      await fh.writeFile(body);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, join(this.dir, name));
    const dirHandle = await open(this.dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
    return name;
  }

  async read(name: string): Promise<Batch> {
    const text = await readFile(join(this.dir, name), 'utf8');
    const lines = text.split('\n').filter((l) => l.length > 0);
    const header = JSON.parse(lines[0] ?? 'null') as { token?: unknown; rows?: unknown } | null;
    if (!header || typeof header.token !== 'string' || typeof header.rows !== 'number') {
      throw new Error(`Spool file ${name} has no valid header`);
    }
    const rows = lines.slice(1).map((l) => JSON.parse(l) as RequestEvent);
    if (rows.length !== header.rows) {
      throw new Error(`Spool file ${name} holds ${rows.length} rows, header says ${header.rows}`);
    }
    return { token: header.token, rows };
  }

  /** Deletes a replayed batch; one already deleted (by another replayer of this spool) is fine. */
  async remove(name: string): Promise<void> {
    try {
      await unlink(join(this.dir, name));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }

  /** Moves an unreadable file out of the replay order, kept for inspection. */
  async quarantine(name: string): Promise<string> {
    const target = `${name}.corrupt`;
    await rename(join(this.dir, name), join(this.dir, target));
    return target;
  }
}
