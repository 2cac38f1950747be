import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/free-port';

const MAIN = join(__dirname, '..', '..', 'dist', 'main.js');

/** Boots the built product on all interfaces and returns what it logged until it answered /health. */
async function bootLog(env: Record<string, string>): Promise<string> {
  const port = await freePort();
  const proc = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATABASE_URL: process.env.DATABASE_URL ?? '',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'gw-boot-')),
      ENCRYPTION_KEY: 'b'.repeat(64),
      LOG_LEVEL: 'warn',
      HOST: '0.0.0.0',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  try {
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`exited ${proc.exitCode}:\n${out}`);
      const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return out;
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    proc.kill('SIGTERM');
    await exited;
  }
}

describe('boot warning', () => {
  it('warns when listening beyond loopback with open sign-up and every gateway on the env keys', async () => {
    const log = await bootLog({});
    expect(log).toMatch(
      /Listening on 0\.0\.0\.0 \(beyond loopback\) with SIGNUP_MODE=open and ENV_PROVIDERS=all/,
    );
  });

  it('stays quiet with the compose settings', async () => {
    const log = await bootLog({
      SIGNUP_MODE: 'invite',
      ENV_PROVIDERS: 'granted',
      ADMIN_API_KEY: 'boot-test-admin-key-0123456789',
    });
    expect(log).not.toMatch(/beyond loopback|ADMIN_API_KEY/);
  });
});
