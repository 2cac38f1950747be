import { Injectable } from '@nestjs/common';
import { UnauthenticatedError } from '../../common/domain-errors';
import { sha256Hex } from '../../common/secrets';
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
    return { identity, key };
  }
}
