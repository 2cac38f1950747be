import type { AuditPage } from '@gateway/contracts';
import { callApi } from '@/lib/api-client';
import { auditQuery } from './shape';

/** One page of the audit log: every event (admins), or one gateway's. */
export function fetchAuditPage(
  scope: { gatewayId?: string },
  filters: { action: string; actor: string },
  cursor?: string,
  signal?: AbortSignal,
): Promise<AuditPage> {
  const query = auditQuery(filters, cursor);
  return scope.gatewayId
    ? callApi('GET /gateway/{id}/audit', { params: { id: scope.gatewayId }, query, signal })
    : callApi('GET /audit', { query, signal });
}
