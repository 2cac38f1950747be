import { Injectable, Logger } from '@nestjs/common';
import { END_USER_HEADER, type CounterName } from '@gateway/contracts';
import { costUsd } from '@gateway/routing';
import { DomainError, ErrorCode, InvalidRequestError } from '../../common/domain-errors';
import { isPromise, type MaybePromise } from '../../common/maybe-promise';
import { NANO_USD } from '../limits/counter-windows';
import type { LimitSubject } from '../limits/limit-subject';
import { SubjectLimiter, type Admitted } from '../limits/subject-limiter';
import { matchesAny, reservesInputTokens, type CallerKey } from './caller-key';
import { GatewayLimitsDirectory } from './gateway-limits.directory';
import type { Admission, AdmissionRequest, AdmissionScope } from './key-admission.types';
import { LimitSubjects } from './limit-subjects';

/**
 * A request's policy before anything is sent: its key's access (enabled, expiry, allowed models and
 * providers) and per-request token cap, then reservations on every rate limit, token quota and
 * budget of every subject it is counted against (key, end user, gateway), settled against the
 * actual usage afterwards. Counters live in Redis when configured, else in memory; quotas and
 * budgets are persisted in Postgres (`limits` module).
 */
@Injectable()
export class KeyAdmission {
  private readonly logger = new Logger(KeyAdmission.name);

  constructor(
    private readonly limiter: SubjectLimiter,
    private readonly subjects: LimitSubjects,
    private readonly gatewayLimits: GatewayLimitsDirectory,
  ) {}

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

  /** Whether a request goes through `admit`: it has a key, or its gateway limits end users or itself. */
  applies(scope: AdmissionScope): boolean {
    return (
      scope.key !== undefined ||
      this.gatewayLimits.requiresEndUser(scope.gatewayId) ||
      this.subjects.resolve(scope).length > 0
    );
  }

  /** Whether a limit of the request's subjects counts input tokens or cost: only then is its input tokenized. */
  countsInputTokens(scope: AdmissionScope): boolean {
    return this.subjects.resolve(scope).some((s) => reservesInputTokens(s.limits));
  }

  /**
   * Checks a request against its key before anything is sent (see `authorize`, then max tokens),
   * then reserves it on every rate limit, token quota and budget of its subjects (429 with
   * `retry-after` and `x-ratelimit-*` headers, naming the subject and limit, when one is exhausted).
   * The gateway secret itself (no key) is limited only by its end user and gateway limits.
   * Synchronous (returns the admission, throws the refusal) when the counters are in this process;
   * a promise when they are on Redis.
   */
  admit(scope: AdmissionScope, req: AdmissionRequest): MaybePromise<Admission> {
    const { key, gatewayId } = scope;
    const base: Admission = { gatewayId, headers: {}, pricing: req.pricing, settled: false };
    const cap = key?.limits.max_tokens_per_request;
    if (key) {
      this.authorize(key, req);
      if (cap !== undefined && req.maxTokens !== undefined && req.maxTokens > cap) {
        throw new InvalidRequestError(
          `max_tokens ${req.maxTokens} exceeds this key's limit of ${cap} tokens per request`,
          'max_tokens',
        );
      }
      base.keyId = key.id;
      base.systemPrompt = key.systemPrompt ?? undefined;
      base.maxTokensCap = req.maxTokens === undefined ? cap : undefined;
    }
    if (scope.endUser === undefined && this.gatewayLimits.requiresEndUser(gatewayId)) {
      throw new InvalidRequestError(
        `This gateway limits each end user: name yours in the \`user\` field (Anthropic: ` +
          `\`metadata.user_id\`) or the ${END_USER_HEADER} header`,
        'user',
      );
    }
    const subjects = this.subjects.resolve(scope);
    if (subjects.length === 0) return base;
    const admitted = this.limiter.admit(subjects, {
      inputTokens: req.estimatedInputTokens,
      costNano: this.estimateCost(subjects, req, req.maxTokens ?? cap ?? 0),
    });
    // In-process counters answer synchronously: no promise on that path.
    if (isPromise(admitted)) return admitted.then((a) => withReservations(base, a));
    return withReservations(base, admitted);
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
    if (admission.settled || !admission.reservations) return;
    admission.settled = true;
    const usd = cost ?? costUsd(admission.pricing, usage) ?? 0;
    const failed = (err: Error) => this.logger.error(`Settling usage failed: ${err.message}`);
    try {
      const done = this.limiter.settle(admission.reservations, {
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
        costNano: Math.round(usd * NANO_USD),
      });
      if (done) done.catch(failed);
    } catch (err) {
      failed(err as Error);
    }
  }

  /** Counter values of one subject in the current windows (requests, tokens, nano-USD). */
  usage(subject: Pick<LimitSubject, 'kind' | 'id'>): Promise<Record<CounterName, number>> {
    return this.limiter.usage(subject);
  }

  /** The request's cost at its output cap in nano-USD, when a subject has a budget (else 0). */
  private estimateCost(subjects: LimitSubject[], req: AdmissionRequest, maxOutput: number): number {
    const budgeted = subjects.find(
      (s) =>
        s.limits.budget_usd_per_day !== undefined || s.limits.budget_usd_per_month !== undefined,
    );
    if (!budgeted) return 0;
    // Operations priced per image, second or character estimate their own cost.
    const estimate =
      req.estimatedCostUsd !== undefined
        ? req.estimatedCostUsd
        : costUsd(req.pricing, {
            inputTokens: req.estimatedInputTokens,
            outputTokens: maxOutput,
          });
    if (estimate === null) {
      // A budget is a promise: a model without a known price cannot be held to it.
      const who = budgeted.label.charAt(0).toUpperCase() + budgeted.label.slice(1);
      throw new DomainError(
        ErrorCode.Forbidden,
        `${who} has a budget and the price of '${req.model}' is unknown`,
        { param: 'model' },
      );
    }
    return Math.round(estimate * NANO_USD);
  }
}

function withReservations(admission: Admission, admitted: Admitted): Admission {
  admission.reservations = admitted.reservations;
  admission.headers = admitted.headers;
  return admission;
}
