import { formatCost, formatCount, formatMs } from '@/lib/format';
import { cn } from '@/lib/cn';
import type { LogRow } from '@gateway/contracts';
import { StatusBadge } from './StatusBadge';

interface Props {
  rows: LogRow[];
  selectedId?: string | null;
  onSelect?: (row: LogRow) => void;
  compact?: boolean;
}

export function LogTable({ rows, selectedId, onSelect, compact }: Props) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="log-table">
        <thead className="text-left text-xs text-muted-foreground">
          <tr>
            <th className="px-3 py-2 font-medium">Time</th>
            <th className="px-3 py-2 font-medium">Status</th>
            <th className="px-3 py-2 font-medium">Model</th>
            {!compact && <th className="px-3 py-2 font-medium">Endpoint</th>}
            {!compact && <th className="px-3 py-2 font-medium">Provider</th>}
            <th className="px-3 py-2 text-right font-medium">Tokens</th>
            <th className="px-3 py-2 text-right font-medium">Cost</th>
            <th className="px-3 py-2 text-right font-medium">Latency</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.request_id}
              data-testid="log-row"
              data-request-id={row.request_id}
              tabIndex={onSelect ? 0 : undefined}
              onClick={onSelect ? () => onSelect(row) : undefined}
              onKeyDown={onSelect ? (e) => e.key === 'Enter' && onSelect(row) : undefined}
              className={cn(
                'border-t border-border',
                onSelect && 'cursor-pointer hover:bg-muted',
                selectedId === row.request_id && 'bg-muted',
              )}
            >
              <td className="whitespace-nowrap px-3 py-2 tabular-nums text-muted-foreground">
                {new Date(row.timestamp).toLocaleTimeString()}
              </td>
              <td className="px-3 py-2">
                <StatusBadge status={row.status} />
              </td>
              <td className="max-w-48 truncate px-3 py-2" title={row.upstream_model}>
                {row.requested_model}
              </td>
              {!compact && (
                <td className="px-3 py-2 text-muted-foreground" data-testid="log-operation">
                  {row.operation}
                </td>
              )}
              {!compact && <td className="px-3 py-2 text-muted-foreground">{row.provider}</td>}
              <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                {formatCount(row.tokens_in)} / {formatCount(row.tokens_out)}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{formatCost(row.cost_usd)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{formatMs(row.latency_ms)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
