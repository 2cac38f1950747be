// Spawning the measured processes, each pinned to a core with taskset, with the probe preloaded.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const PROBE = fileURLToPath(new URL('./probe.cjs', import.meta.url));

/**
 * Starts `node <nodeArgs> <script> <args>` on `cpu` (no pinning when cpu is undefined) with an IPC
 * channel to the probe. Resolves once `ready(child)` resolves; its output goes to `log` lines.
 */
export async function startNode({ name, script, args = [], nodeArgs = [], env, cpu, ready, log }) {
  const argv = [...nodeArgs, '--require', PROBE, script, ...args];
  const [cmd, cmdArgs] =
    cpu === undefined
      ? [process.execPath, argv]
      : ['taskset', ['-c', String(cpu), process.execPath, ...argv]];
  const child = spawn(cmd, cmdArgs, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const lines = [];
  const onLine = (line) => {
    lines.push(line);
    if (lines.length > 200) lines.shift();
    log?.(`[${name}] ${line}`);
  };
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', onLine);
  const exited = once(child, 'exit').then(([code, signal]) => ({ code, signal }));
  const target = new ProbedProcess(name, child, lines, exited);
  const outcome = await Promise.race([
    ready(target).then((value) => ({ value })),
    exited.then((e) => ({ exit: e })),
  ]);
  if (outcome.exit) {
    throw new Error(
      `${name} exited while starting (code ${outcome.exit.code}, signal ${outcome.exit.signal}):\n` +
        lines.slice(-30).join('\n'),
    );
  }
  target.ready = outcome.value;
  return target;
}

export class ProbedProcess {
  #nextId = 1;
  #pending = new Map();

  constructor(name, child, lines, exited) {
    this.name = name;
    this.child = child;
    this.pid = child.pid;
    this.lines = lines;
    this.exited = exited;
    child.on('message', (msg) => {
      const pending = this.#pending.get(msg?.id);
      if (!pending) return;
      this.#pending.delete(msg.id);
      if (msg.ok) pending.resolve(msg.value);
      else pending.reject(new Error(`${name}: ${msg.error}`));
    });
  }

  /** The first stdout line that parses as JSON (the bench's own servers print `{"port":N}`). */
  firstJsonLine(timeoutMs = 15_000) {
    return waitFor(
      () => {
        for (const line of this.lines) {
          if (line.startsWith('{')) {
            try {
              return JSON.parse(line);
            } catch {
              // not the line we are waiting for
            }
          }
        }
        return undefined;
      },
      timeoutMs,
      `${this.name} to print its port`,
    );
  }

  ask(cmd, extra = {}) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.child.send({ id, cmd, ...extra });
    });
  }

  /**
   * SIGINT (the gateway shuts down gracefully, stopping its cluster workers, analytics process and
   * embedded Postgres), SIGKILL after `timeoutMs`. Whatever it started and left running is killed
   * too, after `graceMs` for it to finish on its own: `leftovers` lists those pids.
   */
  async stop(timeoutMs = 15_000, graceMs = 5000) {
    // Read before the process goes: once it exits, its orphans are no longer found under it.
    const tree = descendants(this.pid);
    let result;
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      result = await this.exited;
    } else {
      this.child.kill('SIGINT');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
      result = await this.exited;
      clearTimeout(timer);
    }
    return { ...result, leftovers: await reap(tree, graceMs) };
  }
}

/** Every process below `pid` (children, their children…), from /proc; [] when it is gone. */
export function descendants(pid) {
  const out = [];
  const visit = (p) => {
    let tids;
    try {
      tids = readdirSync(`/proc/${p}/task`);
    } catch {
      return; // ended meanwhile
    }
    for (const tid of tids) {
      let children;
      try {
        children = readFileSync(`/proc/${p}/task/${tid}/children`, 'utf8');
      } catch {
        continue;
      }
      for (const child of children.trim().split(/\s+/).filter(Boolean)) {
        out.push(Number(child));
        visit(child);
      }
    }
  };
  visit(pid);
  return out;
}

/** Running (a zombie is not: it only waits for a parent to reap it, which a container's init may never do). */
export function isAlive(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** Waits up to `graceMs` for `pids` to end, then SIGKILLs each one still running; returns those. */
async function reap(pids, graceMs) {
  const deadline = Date.now() + graceMs;
  while (pids.some(isAlive) && Date.now() < deadline) await sleep(100);
  const left = pids.filter(isAlive);
  for (const pid of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // ended between the check and the kill
    }
  }
  return left;
}

export async function waitFor(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(100);
  }
}
