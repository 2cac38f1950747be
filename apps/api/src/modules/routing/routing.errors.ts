import { DomainError, ErrorCode } from '../../common/domain-errors';

/**
 * Every replica together already has the provider's maximum in flight (shared through Redis):
 * the proxy treats it like a synchronous `'saturated'` and tries the next candidate.
 */
export class ProviderSaturatedError extends DomainError {
  constructor(provider: string) {
    super(ErrorCode.RateLimited, `Provider ${provider} is at its concurrency limit`, {
      status: 503,
    });
    this.name = 'ProviderSaturatedError';
  }
}
