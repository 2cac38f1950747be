import { mkdirSync, readdirSync } from 'node:fs';
import { type FileHandle, appendFile, mkdir, open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { RequestEvent } from './request-event';

const SEGMENT_FILE = /^\d{15}-\d{9}-\d+\.seg$/;
/** Batch files of the spool of earlier versions (a header line, then the rows); still replayed. */
const LEGACY_BATCH_FILE = /^\d{15}-\d{9}-\d+\.batch$/;

export interface SealedSegment {
  name: string;
  /** resolves once every row of the segment is written, fsync'd and the file closed; false on an I/O error */
  durable: Promise<boolean>;
}

export interface SegmentRows {
  rows: RequestEvent[];
  /** lines that did not parse (e.g. the last line of a segment cut short by a crash) */
  skipped: number;
}

interface OpenSegment {
  name: string;
  pending: RequestEvent[];
  chain: Promise<void>;
  fh: FileHandle | null;
  ok: boolean;
}

export function isMissingFile(e: unknown): boolean {
  return (e as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/**
 * Append-only journal of recorded events, so a row survives a crash (even SIGKILL) once its write
 * returned: the data is in the page cache, which outlives the process. append() is synchronous and
 * does no I/O; the events appended during one event-loop turn are written with one async write at
 * setImmediate. A segment file holds exactly the rows of one batch of the recorder: seal() closes it
 * (fsync, close) and the next append opens a new one. Files are named `<ms, 15 digits>-<sequence,
 * 9 digits>-<pid>.seg`, so name order is write order; each line is one JSON event.
 *
 * The store is meant to move into another process later: this class knows nothing about it.
 */
export class EventJournal {
  private seq = 0;
  private lastMs = 0;
  private current: OpenSegment | null = null;
  private readonly dirty = new Set<OpenSegment>();
  private scheduled = false;

  constructor(
    readonly dir: string,
    private readonly onError: (e: unknown) => void,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /** Segment files (and legacy spool batches) on disk, oldest first. */
  list(): string[] {
    return readdirSync(this.dir)
      .filter((f) => SEGMENT_FILE.test(f) || LEGACY_BATCH_FILE.test(f))
      .sort();
  }

  static isLegacyBatch(name: string): boolean {
    return LEGACY_BATCH_FILE.test(name);
  }

  /** Synchronous and I/O free: the event is written at the end of this event-loop turn. */
  append(ev: RequestEvent): void {
    this.current ??= this.newSegment();
    this.current.pending.push(ev);
    this.dirty.add(this.current);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      for (const seg of this.dirty) this.writePending(seg);
      this.dirty.clear();
    });
  }

  /** Closes the open segment (its rows are one batch); null when nothing was appended since. */
  seal(): SealedSegment | null {
    const seg = this.current;
    if (!seg) return null;
    this.current = null;
    this.dirty.delete(seg);
    this.writePending(seg);
    const durable = seg.chain.then(async () => {
      if (!seg.fh) return seg.ok;
      try {
        if (seg.ok) await seg.fh.sync();
      } catch (e) {
        seg.ok = false;
        this.onError(e);
      }
      try {
        await seg.fh.close();
      } catch (e) {
        this.onError(e);
      }
      return seg.ok;
    });
    return { name: seg.name, durable };
  }

  /** The rows of a segment; a line that does not parse is skipped and counted. */
  async read(name: string): Promise<SegmentRows> {
    const text = await readFile(join(this.dir, name), 'utf8');
    const rows: RequestEvent[] = [];
    let skipped = 0;
    for (const line of text.split('\n')) {
      if (line.length === 0) continue;
      try {
        rows.push(JSON.parse(line) as RequestEvent);
      } catch {
        skipped += 1;
      }
    }
    return { rows, skipped };
  }

  /** Deletes a segment whose rows are in the store; one already gone (another replayer) is fine. */
  async remove(name: string): Promise<void> {
    try {
      await unlink(join(this.dir, name));
    } catch (e) {
      if (!isMissingFile(e)) throw e;
    }
  }

  /** Appends rows the store refused, with the reason, to `dead-letter/<UTC date>.ndjson`. */
  async deadLetter(rows: readonly RequestEvent[], reason: string): Promise<string> {
    const dir = join(this.dir, 'dead-letter');
    await mkdir(dir, { recursive: true });
    const time = new Date().toISOString();
    const file = join(dir, `${time.slice(0, 10)}.ndjson`);
    let text = '';
    for (const event of rows) text += JSON.stringify({ time, reason, event }) + '\n';
    await appendFile(file, text);
    return file;
  }

  private newSegment(): OpenSegment {
    // A strictly increasing clock part keeps order even if the wall clock steps back.
    this.lastMs = Math.max(Date.now(), this.lastMs);
    const name = `${String(this.lastMs).padStart(15, '0')}-${String(this.seq++ % 1e9).padStart(9, '0')}-${process.pid}.seg`;
    return { name, pending: [], chain: Promise.resolve(), fh: null, ok: true };
  }

  private writePending(seg: OpenSegment): void {
    if (seg.pending.length === 0) return;
    const events = seg.pending;
    seg.pending = [];
    let text = '';
    for (const ev of events) text += JSON.stringify(ev) + '\n';
    seg.chain = seg.chain.then(async () => {
      if (!seg.ok) return;
      try {
        seg.fh ??= await open(join(this.dir, seg.name), 'ax');
        await seg.fh.writeFile(text);
      } catch (e) {
        // The rows stay in the recorder's memory; it will not drop a batch that is not durable.
        seg.ok = false;
        this.onError(e);
      }
    });
  }
}
