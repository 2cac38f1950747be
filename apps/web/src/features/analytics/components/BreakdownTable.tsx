import { EmptyState } from '@/components/ui/states';
import { formatCost, formatCount, formatMs, formatPercent } from '@/lib/format';
import type { BreakdownShare } from '../shape';

export function BreakdownTable({
  rows,
  label,
  testId,
}: {
  rows: BreakdownShare[];
  label: string;
  testId: string;
}) {
  if (rows.length === 0) return <EmptyState title="No requests in this range" />;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid={testId}>
        <thead className="text-left text-xs text-muted-foreground">
          <tr>
            <th className="py-1.5 pr-3 font-medium">{label}</th>
            <th className="py-1.5 pr-3 text-right font-medium">Requests</th>
            <th className="py-1.5 pr-3 text-right font-medium">Tokens</th>
            <th className="py-1.5 pr-3 text-right font-medium">Cost</th>
            <th className="py-1.5 pr-3 text-right font-medium">p95</th>
            <th className="py-1.5 text-right font-medium">Errors</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key ?? ''} className="border-t border-border">
              <td className="py-1.5 pr-3">
                <div className="max-w-56 truncate font-medium" title={row.key ?? undefined}>
                  {row.key || '(none)'}
                </div>
                <div className="mt-1 h-1 rounded bg-muted">
                  <div className="h-1 rounded bg-primary" style={{ width: `${row.share}%` }} />
                </div>
              </td>
              <td className="py-1.5 pr-3 text-right tabular-nums">{formatCount(row.requests)}</td>
              <td className="py-1.5 pr-3 text-right tabular-nums">
                {formatCount(row.tokens_in + row.tokens_out)}
              </td>
              <td className="py-1.5 pr-3 text-right tabular-nums">{formatCost(row.cost)}</td>
              <td className="py-1.5 pr-3 text-right tabular-nums">
                {formatMs(row.p95_latency_ms)}
              </td>
              <td className="py-1.5 text-right tabular-nums">{formatPercent(row.error_rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
