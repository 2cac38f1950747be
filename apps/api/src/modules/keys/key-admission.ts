import { Injectable, Logger } from '@nestjs/common';
import { costUsd } from '@gateway/routing';
import { DomainError, ErrorCode, InvalidRequestError } from '../../common/domain-errors';
import { RedisConnection } from '../redis/redis-connection';
import { matchesAny, type CallerKey } from './caller-key';
import type { Admission, AdmissionRequest } from './key-admission.types';
import { KeyLimiter, NANO_USD } from './key-limiter';

/**
 * A gateway key's policy on one request: access (enabled, expiry, allowed models and providers),
 * the per-request token cap, then reservations on every rate limit, token quota and budget, settled
 * against the actual usage afterwards. Counters live in Redis when configured, else in memory.
 */
@Injectable()
export class KeyAdmission {
  private readonly logger = new Logger(KeyAdmission.name);
  private readonly limiter: KeyLimiter;

  constructor(redis: RedisConnection) {
    this.limiter = new KeyLimiter({ redis: redis.client, keyPrefix: redis.prefix });
  }

  /** Access only: enabled, not expired, and (when given) the model and provider allowed. Throws 403. */
  authorize(
    key: CallerKey,
    req?: Pick<AdmissionRequest, 'model' | 'provider' | 'providerAliases'>,
  ) {
    if (!key.enabled) {
      throw new DomainError(ErrorCode.Forbidden, `The key '${key.name}' is disabled`);
    }
    if (key.expiresAt !== null && key.expiresAt <= Date.now()) {
      throw new DomainError(
        ErrorCode.Forbidden,
        `The key '${key.name}' expired at ${new Date(key.expiresAt).toISOString()}`,
      );
    }
    if (!req) return;
    if (!matchesAny(key.allowedModels, req.model)) {
      throw new DomainError(
        ErrorCode.Forbidden,
        `The key '${key.name}' may not use the model '${req.model}'`,
        { param: 'model' },
      );
    }
    // Provider restrictions may name the type, or one of the gateway's providers by id or name.
    if (!matchesAny(key.allowedProviders, req.provider, ...(req.providerAliases ?? []))) {
      throw new DomainError(
        ErrorCode.Forbidden,
        `The key '${key.name}' may not use the provider '${req.provider}'`,
        { param: 'model' },
      );
    }
  }

  /**
   * Checks a request against its key before anything is sent (see `authorize`, then max tokens),
   * then reserves it on every rate limit, token quota and budget (429 with `retry-after` and
   * `x-ratelimit-*` headers when one is exhausted). The gateway secret itself (no key) is admitted
   * without limits.
   */
  async admit(
    caller: { gatewayId: string; key?: CallerKey },
    req: AdmissionRequest,
  ): Promise<Admission> {
    const key = caller.key;
    const base: Admission = {
      gatewayId: caller.gatewayId,
      reservations: [],
      headers: {},
      pricing: req.pricing,
      settled: false,
    };
    if (!key) return base;
    this.authorize(key, req);
    const cap = key.limits.max_tokens_per_request;
    if (cap !== undefined && req.maxTokens !== undefined && req.maxTokens > cap) {
      throw new InvalidRequestError(
        `max_tokens ${req.maxTokens} exceeds this key's limit of ${cap} tokens per request`,
        'max_tokens',
      );
    }
    const maxOutput = req.maxTokens ?? cap ?? 0;
    let costNano = 0;
    if (
      key.limits.budget_usd_per_day !== undefined ||
      key.limits.budget_usd_per_month !== undefined
    ) {
      const estimate =
        req.estimatedCostUsd !== undefined
          ? req.estimatedCostUsd
          : costUsd(req.pricing, {
              inputTokens: req.estimatedInputTokens,
              outputTokens: maxOutput,
            });
      if (estimate === null) {
        // A budget is a promise: a model without a known price cannot be held to it.
        throw new DomainError(
          ErrorCode.Forbidden,
          `The key '${key.name}' has a budget and the price of '${req.model}' is unknown`,
          { param: 'model' },
        );
      }
      costNano = Math.round(estimate * NANO_USD);
    }
    const { reservations, headers } = await this.limiter.admit(key, {
      inputTokens: req.estimatedInputTokens,
      costNano,
    });
    return {
      ...base,
      keyId: key.id,
      reservations,
      headers,
      systemPrompt: key.systemPrompt ?? undefined,
      maxTokensCap: req.maxTokens === undefined ? cap : undefined,
    };
  }

  /**
   * Records what the request actually used (call once, also for failed requests: zero usage
   * refunds the reservation). `costUsd` null means unknown and is computed from the admission's
   * prices. Never throws; a store error is logged.
   */
  settle(
    admission: Admission,
    usage: { inputTokens: number; outputTokens: number },
    cost: number | null,
  ): void {
    if (admission.settled || admission.reservations.length === 0) return;
    admission.settled = true;
    const usd = cost ?? costUsd(admission.pricing, usage) ?? 0;
    this.limiter
      .settle(admission.reservations, {
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
        costNano: Math.round(usd * NANO_USD),
      })
      .catch((err: Error) => this.logger.error(`Settling usage failed: ${err.message}`));
  }

  /** Counter values of one key (requests, tokens, nano-USD) in the current windows. */
  usage(key: Pick<CallerKey, 'id'>) {
    return this.limiter.usage(key);
  }
}
