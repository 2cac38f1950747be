import type { BadgeTone } from '@/components/ui/badge';
import type { LogRow, Operation, RouteQuery } from '@gateway/contracts';

/** The query of `GET /analytics/gateway/{id}/logs`, as the dashboard sends it. */
export type LogsQuery = RouteQuery<'GET /analytics/gateway/{id}/logs'>;

/** Every endpoint kind the logs can be filtered by; a new one in the contracts fails to compile here. */
export const OPERATION_LABELS: Record<Operation, string> = {
  chat: 'Chat',
  embeddings: 'Embeddings',
  completions: 'Completions (legacy)',
  images: 'Images',
  speech: 'Speech',
  transcription: 'Transcription',
  translation: 'Translation',
  moderation: 'Moderation',
  rerank: 'Rerank',
  count_tokens: 'Token count',
  models: 'Model list',
  mcp_tool: 'MCP tool call',
};

/**
 * `status` is `all`, `success`, `error` or an HTTP status code typed by the user; `operation` is one
 * of `OPERATIONS` (the endpoint kind: chat, embeddings, images…) or '' for any.
 */
export interface LogFilters {
  status: string;
  model: string;
  provider: string;
  keyId: string;
  operation: string;
}

export const EMPTY_FILTERS: LogFilters = {
  status: 'all',
  model: '',
  provider: '',
  keyId: '',
  operation: '',
};

export function logsQuery(
  filters: LogFilters,
  range: { from: Date; to: Date },
  cursor: string | null,
  limit: number,
): LogsQuery {
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    status: filters.status === 'all' ? undefined : filters.status.trim(),
    model: filters.model.trim() || undefined,
    provider: filters.provider.trim() || undefined,
    key_id: filters.keyId.trim() || undefined,
    operation: (filters.operation as Operation) || undefined,
    limit,
    cursor: cursor ?? undefined,
  };
}

/** Same rules as the API filter, applied to rows that arrive over the live stream. */
export function matchesFilters(row: LogRow, filters: LogFilters): boolean {
  const status = filters.status.trim();
  if (status === 'success' && row.status >= 400) return false;
  if (status === 'error' && row.status < 400) return false;
  if (/^\d+$/.test(status) && row.status !== Number(status)) return false;
  const model = filters.model.trim();
  if (model && row.requested_model !== model && row.upstream_model !== model) return false;
  if (filters.provider.trim() && row.provider !== filters.provider.trim()) return false;
  if (filters.keyId.trim() && row.key_id !== filters.keyId.trim()) return false;
  if (filters.operation && row.operation !== filters.operation) return false;
  return true;
}

/** Puts live rows on top of the loaded page: newest first, each request once. */
export function mergeLive(page: LogRow[], live: LogRow[], filters: LogFilters): LogRow[] {
  const seen = new Set<string>();
  const merged: LogRow[] = [];
  for (const row of [...live.filter((r) => matchesFilters(r, filters)), ...page]) {
    if (seen.has(row.request_id)) continue;
    seen.add(row.request_id);
    merged.push(row);
  }
  return merged.sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp));
}

export function statusTone(status: number): BadgeTone {
  if (status >= 500) return 'danger';
  if (status >= 400) return 'warning';
  return 'success';
}

/** Request and response bodies arrive as stored (object or string); show them indented. */
export function formatBody(body: unknown): string | null {
  if (body === null || body === undefined) return null;
  if (typeof body === 'string') {
    try {
      return JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      return body;
    }
  }
  return JSON.stringify(body, null, 2);
}
