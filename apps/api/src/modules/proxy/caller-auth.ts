import { Injectable } from '@nestjs/common';
import { ForbiddenError, UnauthenticatedError } from '../../common/domain-errors';
import { sha256Hex } from '../../common/secrets';
import { AccessDirectory } from '../auth/access-directory';
import type { GatewayIdentity } from '../gateways/gateway-auth.index';
import { GatewayAuthIndex } from '../gateways/gateway-auth.index';
import { KeyDirectory } from '../keys/key-directory';
import { extractClientCredentials } from './client-credentials';
import type { Caller, ProxyInput } from './proxy-exchange';

/** Authenticate step: a gateway key first (with its limits), else the gateway secret itself (no limits). */
@Injectable()
export class CallerAuth {
  constructor(
    private readonly authIndex: GatewayAuthIndex,
    private readonly keys: KeyDirectory,
    private readonly access: AccessDirectory,
  ) {}

  authenticate(input: Pick<ProxyInput, 'headers' | 'query'>): Caller {
    const creds = extractClientCredentials(input.headers, input.query);
    if (!creds) {
      throw new UnauthenticatedError(
        'Missing gateway credentials: send the gateway secret or key as Authorization: Bearer, x-api-key, x-goog-api-key or ?key= (or x-gateway-id + x-gateway-authorization)',
      );
    }
    // Keys and gateway secrets are both looked up by SHA-256: hash once.
    const hash = sha256Hex(creds.secret);
    const key = this.keys.authenticate(hash, creds.gatewayId);
    const identity = key
      ? this.authIndex.gateway(key.gatewayId)
      : this.authIndex.lookupHash(hash, creds.gatewayId);
    if (!identity) throw new UnauthenticatedError('Invalid gateway credentials');
    if (this.access.isDisabled(identity.userId)) {
      throw new ForbiddenError(
        "This gateway's owner is disabled: its gateways do not serve requests until an administrator enables the account",
      );
    }
    return { identity, key };
  }

  /**
   * ENV_PROVIDERS: a gateway that would be served by the environment's provider credentials must be
   * allowed to (granted, or its owner an admin); gateways with providers of their own never ask.
   */
  assertMayUseEnvProviders(identity: GatewayIdentity): void {
    if (this.access.mayUseEnvProviders(identity)) return;
    const mode = this.access.envProviders;
    throw new ForbiddenError(
      `This gateway may not use the server's provider credentials (ENV_PROVIDERS=${mode}): ` +
        (mode === 'none'
          ? 'add a provider of its own to the gateway'
          : 'ask an administrator to grant it, or add a provider of its own to the gateway'),
    );
  }
}
