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

/**
 * An event as it crosses the IPC pipe: its values in a fixed order, without the keys. Half the bytes of
 * the object, and JSON.stringify of an array of values is about a third cheaper than of the object
 * (both sides run the same build, so the order needs no version).
 */
export type PackedEvent = unknown[];

export function packEvent(e: RequestEvent): PackedEvent {
  return [
    e.timestamp,
    e.requestId,
    e.clientRequestId,
    e.gatewayId,
    e.keyId,
    e.userId,
    e.endpoint,
    e.method,
    e.operation,
    e.clientFormat,
    e.provider,
    e.requestedModel,
    e.upstreamModel,
    e.stream,
    e.status,
    e.errorType,
    e.errorMessage,
    e.tokensIn,
    e.tokensOut,
    e.tokensCached,
    e.tokensReasoning,
    e.costUsd,
    e.latencyMs,
    e.ttftMs,
    e.upstreamLatencyMs,
    e.attempts,
    e.responseId,
    e.requestBody,
    e.responseBody,
  ];
}

/** The inverse of packEvent; an optional field that was absent comes back absent (JSON sends null). */
export function unpackEvent(p: PackedEvent): RequestEvent {
  const e: RequestEvent = {
    timestamp: p[0] as number,
    requestId: p[1] as string,
    gatewayId: p[3] as string,
    keyId: p[4] as string | null,
    userId: p[5] as string | null,
    endpoint: p[6] as string,
    operation: p[8] as string,
    clientFormat: p[9] as string,
    provider: p[10] as string,
    requestedModel: p[11] as string,
    upstreamModel: p[12] as string,
    stream: p[13] as boolean,
    status: p[14] as number,
    errorType: p[15] as string | null,
    errorMessage: p[16] as string | null,
    tokensIn: p[17] as number,
    tokensOut: p[18] as number,
    tokensCached: p[19] as number,
    tokensReasoning: p[20] as number,
    costUsd: p[21] as number | null,
    latencyMs: p[22] as number,
    ttftMs: p[23] as number | null,
    upstreamLatencyMs: p[24] as number | null,
    attempts: p[25] as number,
  };
  if (p[2] != null) e.clientRequestId = p[2] as string;
  if (p[7] != null) e.method = p[7] as string;
  if (p[26] != null) e.responseId = p[26] as string;
  if (p[27] != null) e.requestBody = p[27] as string;
  if (p[28] != null) e.responseBody = p[28] as string;
  return e;
}

export const packEvents = (rows: readonly RequestEvent[]): PackedEvent[] => rows.map(packEvent);
export const unpackEvents = (rows: readonly PackedEvent[]): RequestEvent[] => rows.map(unpackEvent);

/** request process → analytics process */
export type ToAnalytics =
  | { t: 'events'; rows: PackedEvent[] }
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
