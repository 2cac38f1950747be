// CPU time per thread of a process (Linux /proc), to see what a CPU profile cannot: native threads
// (the embedded ClickHouse engine, libuv's pool, V8's GC helpers) next to the JavaScript main thread.
import { readdirSync, readFileSync } from 'node:fs';
import { descendants } from './processes.mjs';

/** Ticks of user + system CPU per thread, keyed by thread id, with the thread's name. */
export function threadTimes(pid) {
  const out = new Map();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended meanwhile
    }
    const close = stat.lastIndexOf(')');
    const name = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime); `fields` starts at field 3.
    out.set(tid, { name, ticks: Number(fields[11]) + Number(fields[12]) });
  }
  return out;
}

/**
 * CPU used between two snapshots, grouped by thread name, as a share of `seconds` of one core.
 * The main thread is the one whose id is the process id.
 */
export function threadShares(pid, before, after, seconds, ticksPerSecond = 100) {
  const groups = new Map();
  for (const [tid, a] of after) {
    const used = a.ticks - (before.get(tid)?.ticks ?? 0);
    if (used <= 0) continue;
    const key = tid === String(pid) ? `${a.name} (main thread)` : a.name;
    groups.set(key, (groups.get(key) ?? 0) + used);
  }
  return [...groups.entries()]
    .map(([name, ticks]) => ({ name, coreShare: ticks / ticksPerSecond / seconds }))
    .sort((x, y) => y.coreShare - x.coreShare);
}

/** User + system ticks of a process (all its threads) from the text of /proc/<pid>/stat. */
export function processTicks(statText) {
  // The name (field 2) may hold spaces and parentheses: fields are counted after its closing one.
  const fields = statText.slice(statText.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * CPU ticks used so far by `pid` and every process below it (a cluster's workers, the analytics
 * process, Postgres): diff two readings to see how much of the machine a target took.
 */
export function treeTicks(pid) {
  let total = 0;
  for (const p of [pid, ...descendants(pid)]) {
    try {
      total += processTicks(readFileSync(`/proc/${p}/stat`, 'utf8'));
    } catch {
      // ended meanwhile: its time is lost, which only under-counts
    }
  }
  return total;
}
