import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm';
import { ErrorState } from '@/components/ui/states';
import { useAction } from '@/lib/useAction';
import { mcpApi } from '../api';
import type { McpServer, McpServerTools } from '@gateway/contracts';

export function McpServerRow({
  gatewayId,
  server,
  onChanged,
}: {
  gatewayId: string;
  server: McpServer;
  onChanged: () => void;
}) {
  const [tools, setTools] = useState<McpServerTools['tools']>();
  const [list, listing] = useAction(() => mcpApi.tools(gatewayId, server.id));
  const [remove, removing] = useAction(() => mcpApi.remove(gatewayId, server.id));
  const [toggle, toggling] = useAction(() =>
    mcpApi.update(gatewayId, server.id, { enabled: !server.enabled }),
  );

  return (
    <li
      className="flex flex-col gap-2 border-b border-border p-4 last:border-0"
      data-testid="mcp-row"
    >
      <div className="flex flex-wrap items-center gap-2">
        <strong>{server.name}</strong>
        <Badge tone={server.enabled ? 'success' : 'neutral'}>
          {server.enabled ? 'enabled' : 'disabled'}
        </Badge>
        <span className="break-all text-xs text-muted-foreground">
          {server.transport === 'stdio'
            ? `${server.command ?? ''} ${server.args.join(' ')}`
            : server.url}
        </span>
      </div>
      <p className="text-xs text-muted-foreground">
        Headers: {server.header_names.length ? server.header_names.join(', ') : 'none'} · Price:{' '}
        {server.price_per_call_usd === null ? 'unknown' : `$${server.price_per_call_usd}/call`}
      </p>
      {tools && (
        <ul className="flex flex-wrap gap-1" data-testid="mcp-tools">
          {tools.map((t) => (
            <li key={t.name} title={t.description ?? undefined}>
              <Badge>{t.name}</Badge>
            </li>
          ))}
          {tools.length === 0 && <li className="text-xs text-muted-foreground">no tools</li>}
        </ul>
      )}
      {(listing.error ?? toggling.error ?? removing.error) && (
        <ErrorState error={(listing.error ?? toggling.error ?? removing.error) as Error} />
      )}
      <div className="flex flex-wrap gap-2">
        <Button
          size="sm"
          variant="ghost"
          disabled={listing.pending}
          onClick={async () => setTools((await list())?.tools)}
          data-testid="mcp-list-tools"
        >
          {listing.pending ? 'Listing…' : 'List tools'}
        </Button>
        <Button
          size="sm"
          variant="ghost"
          disabled={toggling.pending}
          onClick={async () => {
            if (await toggle()) onChanged();
          }}
        >
          {server.enabled ? 'Disable' : 'Enable'}
        </Button>
        <ConfirmButton
          label="Delete"
          question={<>Delete the MCP server {server.name}? Its tools disappear at once.</>}
          pending={removing.pending}
          onConfirm={async () => {
            await remove();
            onChanged();
          }}
        />
      </div>
    </li>
  );
}
