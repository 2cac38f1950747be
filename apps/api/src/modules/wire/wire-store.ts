import { Logger } from '@nestjs/common';
import { WIRE_TTL_MS, type WireExchange } from '@gateway/contracts';
import type Redis from 'ioredis';

/** Memory held by captures on one replica; the oldest go first past either bound. */
export const WIRE_STORE_MAX_BYTES = 32 * 1024 * 1024;
export const WIRE_STORE_MAX_ENTRIES = 500;

interface Entry {
  json: string;
  expiresAt: number;
}

export interface WireStoreOptions {
  redis?: Redis;
  /** Prefix of the Redis keys (`<prefix>wire:<gateway>:<request>`). */
  prefix?: string;
  now?: () => number;
  maxBytes?: number;
  maxEntries?: number;
}

/**
 * Short-lived wire captures, by gateway and request id: in memory (bounded by size and count,
 * WIRE_TTL_MS each), and with REDIS_URL also in Redis with the same TTL, so the replica that
 * answers the dashboard need not be the one that proxied the request. Writing never blocks the
 * proxy: the memory write is a Map set, the Redis write is not awaited.
 */
export class WireStore {
  private readonly logger = new Logger('WireStore');
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private readonly now: () => number;
  private readonly maxBytes: number;
  private readonly maxEntries: number;

  constructor(private readonly options: WireStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.maxBytes = options.maxBytes ?? WIRE_STORE_MAX_BYTES;
    this.maxEntries = options.maxEntries ?? WIRE_STORE_MAX_ENTRIES;
  }

  put(capture: WireExchange): void {
    const key = `${capture.gateway_id}:${capture.request_id}`;
    const json = JSON.stringify(capture);
    this.remove(key);
    if (json.length <= this.maxBytes) {
      this.entries.set(key, { json, expiresAt: this.now() + WIRE_TTL_MS });
      this.bytes += json.length;
      this.evict();
    }
    const { redis, prefix = '' } = this.options;
    redis
      ?.set(`${prefix}wire:${key}`, json, 'PX', WIRE_TTL_MS)
      .catch((err: Error) => this.logger.warn(`Wire capture not shared: ${err.message}`));
  }

  async get(gatewayId: string, requestId: string): Promise<WireExchange | undefined> {
    const key = `${gatewayId}:${requestId}`;
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > this.now()) return JSON.parse(entry.json) as WireExchange;
    if (entry) this.remove(key);
    const { redis, prefix = '' } = this.options;
    const shared = redis ? await redis.get(`${prefix}wire:${key}`) : null;
    return shared ? (JSON.parse(shared) as WireExchange) : undefined;
  }

  /** Bytes held in memory (for tests and bounds). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  private remove(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.bytes -= old.json.length;
    this.entries.delete(key);
  }

  /** Map order is insertion order: expired and oldest entries are at the front. */
  private evict(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      const over = this.bytes > this.maxBytes || this.entries.size > this.maxEntries;
      if (!over && entry.expiresAt > now) break;
      this.remove(key);
    }
  }
}
