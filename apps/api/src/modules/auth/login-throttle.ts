import type Redis from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { LoginThrottledError } from './auth.errors';

export interface LoginThrottleOptions {
  redis?: Redis;
  keyPrefix: string;
  failuresPerAccount: number;
  failuresPerAddress: number;
  windowS: number;
}

/**
 * Failed logins counted per account (email) and per client address in a fixed window
 * (LOGIN_THROTTLE_WINDOW_S, from the first failure): once either count is used up, logins answer 429
 * with `retry-after` until the window ends. A successful login clears its account's count, and no
 * lock outlives the window, so the real owner is never shut out for long. Redis (shared by every
 * replica, with an in-memory fallback during a Redis outage) when configured, else process memory.
 */
export class LoginThrottle {
  private readonly perAccount: RateLimiterAbstract;
  private readonly perAddress: RateLimiterAbstract;

  constructor(private readonly opts: LoginThrottleOptions) {
    this.perAccount = limiter(opts, 'acct', opts.failuresPerAccount);
    this.perAddress = limiter(opts, 'addr', opts.failuresPerAddress);
  }

  /** Throws LoginThrottledError while the account or the address has no failures left. */
  async check(email: string, ip: string | undefined): Promise<void> {
    const [account, address] = await Promise.all([
      this.perAccount.get(email),
      this.perAddress.get(addressKey(ip)),
    ]);
    const waits = [
      exhausted(account, this.opts.failuresPerAccount),
      exhausted(address, this.opts.failuresPerAddress),
    ].filter((ms): ms is number => ms !== undefined);
    if (waits.length > 0)
      throw new LoginThrottledError(Math.max(1, Math.ceil(Math.max(...waits) / 1000)));
  }

  async failed(email: string, ip: string | undefined): Promise<void> {
    await Promise.all([spend(this.perAccount, email), spend(this.perAddress, addressKey(ip))]);
  }

  async succeeded(email: string): Promise<void> {
    await this.perAccount.delete(email);
  }
}

function limiter(opts: LoginThrottleOptions, kind: string, points: number): RateLimiterAbstract {
  const keyPrefix = `${opts.keyPrefix}login:${kind}`;
  const memory = new RateLimiterMemory({ points, duration: opts.windowS, keyPrefix });
  return opts.redis
    ? new RateLimiterRedis({
        storeClient: opts.redis,
        points,
        duration: opts.windowS,
        keyPrefix,
        insuranceLimiter: memory,
      })
    : memory;
}

function addressKey(ip: string | undefined): string {
  return ip ?? 'unknown';
}

/** Milliseconds until the window ends, when the count is used up. */
function exhausted(res: RateLimiterRes | null, limit: number): number | undefined {
  return res && res.consumedPoints >= limit ? res.msBeforeNext : undefined;
}

/** Counts one failure; going over the limit is what `check` reports next time, not an error here. */
async function spend(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key, 1);
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
  }
}
