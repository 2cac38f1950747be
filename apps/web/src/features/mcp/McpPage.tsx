import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import { useMcpServers } from './api';
import { McpServerForm } from './components/McpServerForm';
import { McpServerRow } from './components/McpServerRow';

export function McpPage({ gatewayId }: { gatewayId: string }) {
  const servers = useMcpServers(gatewayId);
  const [adding, setAdding] = useState(false);
  const endpoint = `${window.location.origin}/mcp`;

  return (
    <div className="flex flex-col gap-4" data-testid="mcp-page">
      <Card>
        <CardHeader>
          <CardTitle>MCP servers</CardTitle>
          {!adding && (
            <Button size="sm" onClick={() => setAdding(true)} data-testid="mcp-add">
              Add server
            </Button>
          )}
        </CardHeader>
        <CardContent className="flex flex-col gap-3">
          <p className="text-sm text-muted-foreground">
            MCP clients reach every server below at <code>{endpoint}</code> with the gateway secret
            or a key (tools appear as <code>server__tool</code>; a key&apos;s allowed tools narrow
            them). Each tool call shows up in Logs.
          </p>
          {adding && (
            <div className="rounded-md border border-border p-3">
              <McpServerForm
                gatewayId={gatewayId}
                onCancel={() => setAdding(false)}
                onSaved={() => {
                  setAdding(false);
                  servers.refetch();
                }}
              />
            </div>
          )}
        </CardContent>
      </Card>
      {servers.error && <ErrorState error={servers.error} onRetry={servers.refetch} />}
      {!servers.data && !servers.error && <LoadingState label="Loading MCP servers…" />}
      {servers.data?.length === 0 && (
        <Card>
          <EmptyState title="No MCP servers yet">
            <p>Add a streamable HTTP MCP server to offer its tools through this gateway.</p>
          </EmptyState>
        </Card>
      )}
      {servers.data && servers.data.length > 0 && (
        <Card>
          <ul data-testid="mcp-list">
            {servers.data.map((s) => (
              <McpServerRow
                key={`${s.id}:${s.updated_at}`}
                gatewayId={gatewayId}
                server={s}
                onChanged={servers.refetch}
              />
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
