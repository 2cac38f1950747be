import { apiRequest } from '@/lib/api-client';
import { useQuery } from '@/lib/useQuery';
import type { McpServer, McpServerList, McpServerTools } from '@gateway/contracts';

const base = (gatewayId: string) => `/gateway/${encodeURIComponent(gatewayId)}/mcp-servers`;
const one = (gatewayId: string, id: string) => `${base(gatewayId)}/${encodeURIComponent(id)}`;

export const mcpApi = {
  list: (gatewayId: string, signal?: AbortSignal) =>
    apiRequest<McpServerList>(base(gatewayId), { signal }),
  create: (gatewayId: string, body: Record<string, unknown>) =>
    apiRequest<McpServer>(base(gatewayId), { method: 'POST', body }),
  update: (gatewayId: string, id: string, body: Record<string, unknown>) =>
    apiRequest<McpServer>(one(gatewayId, id), { method: 'PATCH', body }),
  remove: (gatewayId: string, id: string) =>
    apiRequest<void>(one(gatewayId, id), { method: 'DELETE' }),
  tools: (gatewayId: string, id: string) =>
    apiRequest<McpServerTools>(`${one(gatewayId, id)}/tools`),
};

export function useMcpServers(gatewayId: string) {
  return useQuery(`mcp-servers:${gatewayId}`, (signal) =>
    mcpApi.list(gatewayId, signal).then((r) => r.servers),
  );
}
