import type { AuditPage } from '@gateway/contracts';
import { apiRequest } from '@/lib/api-client';
import { auditQuery } from './shape';

/** One page of the audit log: every event (admins), or one gateway's. */
export function fetchAuditPage(
  scope: { gatewayId?: string },
  filters: { action: string; actor: string },
  cursor?: string,
  signal?: AbortSignal,
): Promise<AuditPage> {
  const path = scope.gatewayId ? `/gateway/${encodeURIComponent(scope.gatewayId)}/audit` : '/audit';
  return apiRequest<AuditPage>(path, { query: auditQuery(filters, cursor), signal });
}
