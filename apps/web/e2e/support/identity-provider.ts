import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface IdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop: () => Promise<void>;
}

/**
 * The API tests' OpenID Connect provider (`apps/api/test/support/oidc-test-provider.mjs`, a real
 * oidc-provider with a login page that takes any email) as a child process.
 */
export async function startIdentityProvider(
  repoRoot: string,
  redirectUri: string,
): Promise<IdentityProvider> {
  const clientId = 'dashboard-e2e';
  const clientSecret = 'dashboard-e2e-client-secret';
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'apps/api/test/support/oidc-test-provider.mjs')],
    {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH ?? '',
        OIDC_TEST_CLIENT_ID: clientId,
        OIDC_TEST_CLIENT_SECRET: clientSecret,
        OIDC_TEST_REDIRECT_URIS: redirectUri,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const issuer = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const ready = /READY (\S+)/.exec(log);
      if (ready) resolve(ready[1]);
    });
    child.once('exit', (code) =>
      reject(new Error(`identity provider exited with ${code}:\n${log}`)),
    );
  });
  return {
    issuer,
    clientId,
    clientSecret,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
