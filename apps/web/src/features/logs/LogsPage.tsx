import { useCallback, useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import { cn } from '@/lib/cn';
import { useAction } from '@/lib/useAction';
import { RangePicker } from '../analytics/components/RangePicker';
import { useTimeRange } from '../analytics/useTimeRange';
import { LiveBadge } from '../live/LiveBadge';
import { useLiveRequests } from '../live/useLiveRequests';
import { logsApi, useLogs } from './api';
import { LogDetailPanel } from './components/LogDetailPanel';
import { LogFiltersBar } from './components/LogFiltersBar';
import { LogTable } from './components/LogTable';
import { EMPTY_FILTERS, logsQuery, mergeLive, type LogFilters } from './shape';
import type { LogRow } from '@gateway/contracts';

const PAGE_SIZE = 50;

export function LogsPage({ gatewayId }: { gatewayId: string }) {
  const time = useTimeRange('24h');
  const [filters, setFilters] = useState<LogFilters>(EMPTY_FILTERS);
  // Cursors of the pages before the current one, so "Newer" can walk back.
  const [cursors, setCursors] = useState<(string | null)[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [live, setLive] = useState<LogRow[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const query = useMemo(
    () => logsQuery(filters, time.range, cursor, PAGE_SIZE),
    [filters, time.range, cursor],
  );
  const logs = useLogs(gatewayId, query);
  const [download, downloading] = useAction(logsApi.download);

  const onLive = useCallback((row: LogRow) => setLive((rows) => [row, ...rows].slice(0, 200)), []);
  const liveStatus = useLiveRequests(gatewayId, onLive);

  const restart = (apply: () => void) => {
    apply();
    setCursors([]);
    setCursor(null);
    setLive([]);
    time.advance();
  };

  const onFirstPage = cursor === null;
  const rows = logs.data
    ? onFirstPage
      ? mergeLive(logs.data.items, live, filters)
      : logs.data.items
    : [];

  return (
    <div className="flex flex-col gap-4" data-testid="logs-page">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <RangePicker state={{ ...time, setPreset: (p) => restart(() => time.setPreset(p)) }} />
        <div className="flex items-center gap-2">
          <LiveBadge status={liveStatus} />
          <Button
            size="sm"
            variant="secondary"
            onClick={() => void download(gatewayId, 'csv', time.range)}
            disabled={downloading.pending}
          >
            Export CSV
          </Button>
          <Button
            size="sm"
            variant="secondary"
            onClick={() => void download(gatewayId, 'json', time.range)}
            disabled={downloading.pending}
          >
            Export JSON
          </Button>
        </div>
      </div>
      {downloading.error && <ErrorState error={downloading.error} />}
      <LogFiltersBar value={filters} onChange={(next) => restart(() => setFilters(next))} />
      <div className={cn('grid gap-4', selected && 'xl:grid-cols-[minmax(0,1fr)_26rem]')}>
        <Card className="min-w-0 self-start">
          {logs.error ? (
            <div className="p-4">
              <ErrorState error={logs.error} onRetry={logs.refetch} />
            </div>
          ) : !logs.data ? (
            <LoadingState label="Loading requests…" />
          ) : rows.length === 0 ? (
            <EmptyState title="No requests match">
              Try a wider range or clear the filters.
            </EmptyState>
          ) : (
            <LogTable
              rows={rows}
              selectedId={selected}
              onSelect={(row) => setSelected(row.request_id)}
            />
          )}
          <div className="flex items-center justify-between gap-2 border-t border-border px-3 py-2 text-xs text-muted-foreground">
            <span>{logs.loading ? 'Loading…' : `Page ${cursors.length + 1}`}</span>
            <div className="flex gap-2">
              <Button
                size="sm"
                variant="secondary"
                data-testid="logs-newer"
                disabled={onFirstPage}
                onClick={() => {
                  setCursor(cursors.at(-1) ?? null);
                  setCursors(cursors.slice(0, -1));
                }}
              >
                Newer
              </Button>
              <Button
                size="sm"
                variant="secondary"
                data-testid="logs-older"
                disabled={!logs.data?.next_cursor}
                onClick={() => {
                  setCursors([...cursors, cursor]);
                  setCursor(logs.data?.next_cursor ?? null);
                }}
              >
                Older
              </Button>
            </div>
          </div>
        </Card>
        {selected && (
          <LogDetailPanel
            key={selected}
            gatewayId={gatewayId}
            requestId={selected}
            onClose={() => setSelected(null)}
          />
        )}
      </div>
    </div>
  );
}
