import { Injectable } from '@nestjs/common';
import type { AuditEvent, AuditPage, AuditQuery } from '@gateway/contracts';
import type { AuditEntry, AuditTrail } from '../../common/audit-trail';
import { currentRequestContext } from '../../common/request-context';
import { isUuid } from '../../common/uuid';
import type { AuditEventEntity } from './audit-event.entity';
import { AuditRepository, type AuditFilter } from './audit.repository';
import { redactSecrets } from './redact';

function toDto(e: AuditEventEntity): AuditEvent {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actor: { type: e.actorType, id: e.actorId, label: e.actorLabel },
    action: e.action,
    target: { type: e.targetType, id: e.targetId },
    gateway_id: e.gatewayId,
    details: e.details,
    ip: e.ip,
  };
}

function toFilter(q: AuditQuery, gatewayId: string | undefined): AuditFilter {
  const action = q.action?.endsWith('.*')
    ? { prefix: q.action.slice(0, -1) }
    : q.action
      ? { exact: q.action }
      : undefined;
  const actor =
    q.actor === undefined
      ? undefined
      : q.actor === 'admin_key'
        ? ({ type: 'admin_key' } as const)
        : isUuid(q.actor)
          ? { id: q.actor }
          : { label: q.actor };
  return {
    action,
    actor,
    gatewayId,
    from: q.from,
    to: q.to,
    beforeId: q.cursor,
    limit: q.limit,
  };
}

/**
 * The audit log: who changed what, when and from where. Writes are direct inserts (management
 * traffic only, never the proxy path), awaited so an answered change is a recorded one; a failed
 * insert fails the request rather than leaving a silent gap.
 */
@Injectable()
export class AuditService implements AuditTrail {
  constructor(private readonly repo: AuditRepository) {}

  async record(entry: AuditEntry): Promise<void> {
    const context = currentRequestContext();
    const actor = entry.actor ?? context.actor ?? { type: 'anonymous', id: null, label: null };
    await this.repo.insert({
      actorType: actor.type,
      actorId: actor.id,
      actorLabel: actor.label?.slice(0, 320) ?? null,
      action: entry.action,
      targetType: entry.target.type,
      targetId: entry.target.id,
      gatewayId: entry.gatewayId ?? null,
      details: redactSecrets(entry.details ?? {}) as Record<string, unknown>,
      ip: (entry.ip ?? context.ip ?? null)?.slice(0, 64) ?? null,
    });
  }

  /** A page of events, newest first; `gatewayId` narrows to one gateway (also via `q.gateway_id`). */
  async page(q: AuditQuery, gatewayId?: string): Promise<AuditPage> {
    const limit = q.limit;
    const rows = await this.repo.find(toFilter(q, gatewayId ?? q.gateway_id));
    const page = rows.slice(0, limit);
    return {
      events: page.map(toDto),
      next_cursor: rows.length > limit ? page[page.length - 1].id : null,
    };
  }
}
