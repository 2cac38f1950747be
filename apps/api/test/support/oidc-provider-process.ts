import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface TestIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts `oidc-test-provider.mjs` (a real oidc-provider) as a child process and waits for its issuer URL. */
export async function startTestIdentityProvider(
  redirectUris: string[],
): Promise<TestIdentityProvider> {
  const clientId = 'gateway-test';
  const clientSecret = 'gateway-test-client-secret';
  const proc = spawn(process.execPath, [join(__dirname, 'oidc-test-provider.mjs')], {
    env: {
      PATH: process.env.PATH ?? '',
      OIDC_TEST_CLIENT_ID: clientId,
      OIDC_TEST_CLIENT_SECRET: clientSecret,
      OIDC_TEST_REDIRECT_URIS: redirectUris.join(','),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const issuer = await new Promise<string>((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    proc.once('exit', (code) =>
      reject(new Error(`test identity provider exited with ${code}:\n${out}`)),
    );
  });
  return {
    issuer,
    clientId,
    clientSecret,
    output: () => out,
    stop: async () => {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      await exited;
    },
  };
}
