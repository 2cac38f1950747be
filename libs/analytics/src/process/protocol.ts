import type { AnalyticsConfig, QueryParams } from '../analytics-store';
import type { EventRecorderStats } from '../event-sink';
import type { RequestEvent } from '../request-event';

/** What the analytics process is started with (passed in its environment, never on argv). */
export interface AnalyticsProcessConfig {
  store: AnalyticsConfig;
  spoolDir: string;
  /** how often it reports its stats to the request process */
  statsIntervalMs: number;
}

export const CONFIG_ENV = 'GATEWAY_ANALYTICS_PROCESS_CONFIG';

/** request process → analytics process */
export type ToAnalytics =
  | { t: 'events'; rows: RequestEvent[] }
  | { t: 'query'; id: number; sql: string; params: QueryParams }
  | { t: 'command'; id: number; sql: string; params: QueryParams }
  | { t: 'flush'; id: number }
  | { t: 'close' };

export interface WireError {
  message: string;
  name?: string;
  code?: string;
}

/** analytics process → request process */
export type FromAnalytics =
  | { t: 'stats'; stats: EventRecorderStats; storeOpen: boolean }
  | { t: 'result'; id: number; rows?: unknown[]; error?: WireError }
  | { t: 'log'; level: 'warn' | 'error' | 'log'; message: string }
  | { t: 'closed' };

export function toWireError(e: unknown): WireError {
  const err = e instanceof Error ? e : new Error(String(e));
  const code = (err as { code?: unknown }).code;
  return {
    message: err.message,
    name: err.name,
    code: typeof code === 'string' || typeof code === 'number' ? String(code) : undefined,
  };
}

export function fromWireError(w: WireError): Error {
  const err = new Error(w.message);
  if (w.name) err.name = w.name;
  if (w.code !== undefined) (err as Error & { code?: string }).code = w.code;
  return err;
}
