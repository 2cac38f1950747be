import type { CreateMcpServerInput, UpdateMcpServerBody } from '@gateway/contracts';
import { callApi } from '@/lib/api-client';
import { useQuery } from '@/lib/useQuery';

export const mcpApi = {
  list: (gatewayId: string, signal?: AbortSignal) =>
    callApi('GET /gateway/{id}/mcp-servers', { params: { id: gatewayId }, signal }),
  create: (gatewayId: string, body: CreateMcpServerInput) =>
    callApi('POST /gateway/{id}/mcp-servers', { params: { id: gatewayId }, body }),
  update: (gatewayId: string, sid: string, body: UpdateMcpServerBody) =>
    callApi('PATCH /gateway/{id}/mcp-servers/{sid}', { params: { id: gatewayId, sid }, body }),
  remove: (gatewayId: string, sid: string) =>
    callApi('DELETE /gateway/{id}/mcp-servers/{sid}', { params: { id: gatewayId, sid } }),
  tools: (gatewayId: string, sid: string) =>
    callApi('GET /gateway/{id}/mcp-servers/{sid}/tools', { params: { id: gatewayId, sid } }),
};

export function useMcpServers(gatewayId: string) {
  return useQuery(`mcp-servers:${gatewayId}`, (signal) =>
    mcpApi.list(gatewayId, signal).then((r) => r.servers),
  );
}
