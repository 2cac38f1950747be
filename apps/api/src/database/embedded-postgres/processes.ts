import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { platform } from 'node:os';
import { basename } from 'node:path';

// Looking at and stopping processes by pid (a leftover postmaster, or ours on stop).

/** Running (a zombie is not: an init that does not reap, e.g. in a container, may keep it for long). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  if (platform() !== 'linux') return false;
  try {
    return /\)\s+Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

export function commandLine(pid: number): string[] | undefined {
  try {
    if (platform() === 'linux') {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    }
    const r = spawnSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim().split(/\s+/) : undefined;
  } catch {
    return undefined;
  }
}

export function parentOf(pid: number): number | undefined {
  try {
    if (platform() === 'linux') {
      const m = /^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Number(m[1]) : undefined;
    }
    const r = spawnSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8' });
    return r.status === 0 ? Number(r.stdout.trim()) : undefined;
  } catch {
    return undefined;
  }
}

export function processName(pid: number): string | undefined {
  const args = commandLine(pid);
  return args?.length ? basename(args[0]) : undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** SIGINT (fast shutdown), then SIGQUIT (immediate), then SIGKILL; true once the process is gone. */
export async function terminatePid(pid: number, exited: () => boolean = () => !isAlive(pid)) {
  for (const [signal, waitMs] of [
    ['SIGINT', 30_000],
    ['SIGQUIT', 10_000],
    ['SIGKILL', 5_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') return true;
      return false;
    }
    for (const end = Date.now() + waitMs; Date.now() < end; await sleep(100)) {
      if (exited()) return true;
    }
  }
  return exited();
}
