// Spawning the measured processes, each pinned to a core with taskset, with the probe preloaded.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
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

  /** SIGINT (the gateway shuts down gracefully, stopping its embedded Postgres), SIGKILL after 15 s. */
  async stop(timeoutMs = 15_000) {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.exited;
    this.child.kill('SIGINT');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const result = await this.exited;
    clearTimeout(timer);
    return result;
  }
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
