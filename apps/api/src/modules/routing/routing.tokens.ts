export const ROUTING_OPTIONS = Symbol('ROUTING_OPTIONS');

export interface RoutingOptions {
  /** Prefix of every Redis key and channel (tests use a unique one each). */
  redisKeyPrefix: string;
}

export const DEFAULT_ROUTING_OPTIONS: RoutingOptions = { redisKeyPrefix: 'gw:' };
