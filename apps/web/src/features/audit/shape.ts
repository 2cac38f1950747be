import type { AuditEvent } from '@gateway/contracts';

/** Who acted, as a person reads it. */
export function actorLabel(e: Pick<AuditEvent, 'actor'>): string {
  switch (e.actor.type) {
    case 'admin_key':
      return 'admin key';
    case 'anonymous':
      return 'anonymous';
    case 'user':
      return e.actor.label ?? e.actor.id ?? 'user';
  }
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * The details as short lines: `field: old → new` for changes, `field: value` for what was created,
 * deleted or noted. Nested objects (limits, concurrency) are shown as JSON.
 */
export function detailLines(details: Record<string, unknown>): string[] {
  const {
    old,
    new: next,
    ...rest
  } = details as {
    old?: Record<string, unknown>;
    new?: Record<string, unknown>;
  } & Record<string, unknown>;
  const lines: string[] = [];
  if (old && next) {
    for (const k of new Set([...Object.keys(old), ...Object.keys(next)])) {
      lines.push(`${k}: ${show(old[k])} → ${show(next[k])}`);
    }
  } else {
    for (const [k, v] of Object.entries(old ?? next ?? {})) lines.push(`${k}: ${show(v)}`);
  }
  for (const [k, v] of Object.entries(rest)) lines.push(`${k}: ${show(v)}`);
  return lines;
}

/** Query parameters of one page: empty filters left out. */
export function auditQuery(filters: { action: string; actor: string }, cursor?: string) {
  return {
    action: filters.action.trim() || undefined,
    actor: filters.actor.trim() || undefined,
    cursor,
    limit: 50,
  };
}
