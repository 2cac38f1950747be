import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity';

export type NewAuditEvent = Omit<AuditEventEntity, 'id' | 'at'>;

/** Filters of an audit page; `beforeId` is the cursor (events older than it). */
export interface AuditFilter {
  /** Exact action, or a family prefix (`gateway.`). */
  action?: { exact: string } | { prefix: string };
  actor?: { id: string } | { label: string } | { type: 'admin_key' };
  gatewayId?: string;
  from?: Date;
  to?: Date;
  beforeId?: string;
  limit: number;
}

@Injectable()
export class AuditRepository {
  constructor(
    @InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>,
  ) {}

  async insert(event: NewAuditEvent): Promise<void> {
    await this.events.save(this.events.create(event), { reload: false });
  }

  /** Newest first, at most `limit + 1` rows (the extra one says whether there is a next page). */
  find(f: AuditFilter): Promise<AuditEventEntity[]> {
    const q = this.events
      .createQueryBuilder('e')
      .orderBy('e.id', 'DESC')
      .limit(f.limit + 1);
    if (f.gatewayId) q.andWhere('e.gateway_id = :gatewayId', { gatewayId: f.gatewayId });
    if (f.action && 'exact' in f.action)
      q.andWhere('e.action = :action', { action: f.action.exact });
    if (f.action && 'prefix' in f.action) {
      q.andWhere('starts_with(e.action, :prefix)', { prefix: f.action.prefix });
    }
    if (f.actor && 'id' in f.actor) q.andWhere('e.actor_id = :actorId', { actorId: f.actor.id });
    if (f.actor && 'label' in f.actor) {
      q.andWhere('lower(e.actor_label) = lower(:label)', { label: f.actor.label });
    }
    if (f.actor && 'type' in f.actor) q.andWhere('e.actor_type = :type', { type: f.actor.type });
    if (f.from) q.andWhere('e.at >= :from', { from: f.from });
    if (f.to) q.andWhere('e.at <= :to', { to: f.to });
    if (f.beforeId) q.andWhere('e.id < :beforeId', { beforeId: f.beforeId });
    return q.getMany();
  }
}
