import type { AppConfig } from './app-config';

/** Loopback addresses: a server bound only there is reachable from this machine alone. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/**
 * Anyone who reaches a public port may create an account and spend the environment's provider keys
 * when sign-up is open and every gateway may use them: say so at boot.
 */
export function exposureWarning(config: AppConfig): string | undefined {
  const { signupMode, envProviders } = config.access;
  if (isLoopback(config.http.host) || signupMode !== 'open' || envProviders !== 'all') {
    return undefined;
  }
  return (
    `Listening on ${config.http.host} (beyond loopback) with SIGNUP_MODE=open and ENV_PROVIDERS=all: ` +
    'anyone who reaches this port can create an account and spend the provider keys of this ' +
    'environment. Set SIGNUP_MODE=invite (or closed) and ENV_PROVIDERS=granted, or HOST=127.0.0.1.'
  );
}

/** Outside open sign-up, only ADMIN_API_KEY or an existing admin user can make accounts. */
export function bootstrapNote(config: AppConfig): string | undefined {
  if (config.access.signupMode === 'open' || config.access.adminApiKey) return undefined;
  return (
    `SIGNUP_MODE=${config.access.signupMode} without ADMIN_API_KEY: only existing admin users can ` +
    'create accounts or invitations. Set ADMIN_API_KEY to create the first ones.'
  );
}
