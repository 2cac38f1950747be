import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ChartFrame } from '@/components/charts/ChartFrame';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import { cn } from '@/lib/cn';
import { useGatewaySummary, useTimeseries } from '../analytics/api';
import { fillSeries, resolveRange } from '../analytics/shape';
import type { Granularity } from '@gateway/contracts';
import { LiveBadge } from '../live/LiveBadge';
import { useLiveRequests } from '../live/useLiveRequests';
import { useLogs } from '../logs/api';
import { LogTable } from '../logs/components/LogTable';
import { EMPTY_FILTERS, logsQuery, mergeLive } from '../logs/shape';
import type { LogRow } from '@gateway/contracts';
import {
  applyLiveRows,
  buildOverviewCards,
  OVERVIEW_DAYS,
  unconfirmedRows,
  type OverviewRange,
} from './shape';

const SPARK_GRANULARITY: Record<OverviewRange, Granularity> = {
  '24h': 'hour',
  '7d': 'day',
  '30d': 'day',
};
const CARD_COLORS = [
  'var(--chart-1)',
  'var(--chart-2)',
  'var(--chart-5)',
  'var(--chart-3)',
  'var(--chart-4)',
];

export function OverviewPage({ gatewayId }: { gatewayId: string }) {
  const [rangeId, setRangeId] = useState<OverviewRange>('24h');
  const [now, setNow] = useState(() => Date.now());
  const range = useMemo(
    () => ({ ...resolveRange(rangeId, new Date(now)), granularity: SPARK_GRANULARITY[rangeId] }),
    [rangeId, now],
  );
  const options = { keepPreviousData: true };
  const summary = useGatewaySummary(gatewayId, OVERVIEW_DAYS[rangeId], options);
  const series = useTimeseries(gatewayId, range, options);
  const recentQuery = useMemo(() => logsQuery(EMPTY_FILTERS, range, null, 8), [range]);
  const recent = useLogs(gatewayId, recentQuery, options);
  const [live, setLive] = useState<LogRow[]>([]);
  // Live rows the summary does not count yet, and the summary total they were counted against.
  const [pending, setPending] = useState<LogRow[]>([]);
  const countedTotal = useRef<number | null>(null);

  useEffect(() => {
    if (!summary.data) return;
    const total = summary.data.summary.total_requests;
    const previous = countedTotal.current;
    setPending((rows) => (previous === null ? [] : unconfirmedRows(rows, total - previous)));
    countedTotal.current = total;
  }, [summary.data]);

  // The analytics store flushes about once a second: refetch after that, and once more as a safety net.
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);
  const refetchSummary = summary.refetch;
  const onLive = useCallback(
    (row: LogRow) => {
      setLive((rows) => [row, ...rows].slice(0, 8));
      setPending((rows) => [row, ...rows]);
      if (timers.current.length > 0) return;
      const refresh = () => {
        setNow(Date.now());
        refetchSummary();
      };
      timers.current = [
        setTimeout(refresh, 1500),
        setTimeout(() => {
          timers.current = [];
          refresh();
        }, 4000),
      ];
    },
    [refetchSummary],
  );
  useEffect(() => () => timers.current.forEach(clearTimeout), []);
  const liveStatus = useLiveRequests(gatewayId, onLive);

  const rows = useMemo(
    () => (series.data ? fillSeries(series.data, range) : []),
    [series.data, range],
  );
  const cards = summary.data
    ? buildOverviewCards(applyLiveRows(summary.data, pending), rows)
    : null;
  const recentRows = recent.data
    ? mergeLive(recent.data.items, live, EMPTY_FILTERS).slice(0, 8)
    : [];

  return (
    <div className="flex flex-col gap-4" data-testid="overview-page">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div
          role="group"
          aria-label="Range"
          className="flex rounded-md border border-border bg-card p-0.5"
        >
          {(Object.keys(OVERVIEW_DAYS) as OverviewRange[]).map((id) => (
            <button
              key={id}
              type="button"
              aria-pressed={rangeId === id}
              data-testid={`overview-range-${id}`}
              onClick={() => {
                setRangeId(id);
                setNow(Date.now());
                setPending([]);
                countedTotal.current = null;
              }}
              className={cn(
                'cursor-pointer rounded px-2.5 py-1 text-xs font-medium',
                rangeId === id
                  ? 'bg-primary text-primary-foreground'
                  : 'text-muted-foreground hover:text-foreground',
              )}
            >
              {id}
            </button>
          ))}
        </div>
        <LiveBadge status={liveStatus} />
      </div>
      {summary.error && <ErrorState error={summary.error} onRetry={summary.refetch} />}
      {series.error && <ErrorState error={series.error} onRetry={series.refetch} />}
      {!cards && !summary.error && <LoadingState label="Loading overview…" />}
      {cards && (
        <div
          className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5"
          data-testid="overview-cards"
        >
          {cards.map((card, index) => (
            <Card key={card.id} data-testid={`card-${card.id}`}>
              <CardContent className="flex flex-col gap-1 p-3">
                <span className="text-xs text-muted-foreground">{card.label}</span>
                <span
                  className="text-2xl font-semibold tabular-nums"
                  data-testid={`card-${card.id}-value`}
                >
                  {card.value}
                </span>
                <span className="truncate text-xs text-muted-foreground">{card.detail}</span>
                <ChartFrame
                  variant="sparkline"
                  data={card.spark}
                  xKey="t"
                  series={[
                    { key: 'v', label: card.label, color: CARD_COLORS[index], kind: 'area' },
                  ]}
                  height={40}
                  title={`${card.label} trend`}
                />
              </CardContent>
            </Card>
          ))}
        </div>
      )}
      <Card>
        <CardHeader>
          <CardTitle>Latest requests</CardTitle>
          <Link to="logs" className="text-xs text-primary hover:underline">
            All logs →
          </Link>
        </CardHeader>
        <CardContent className="px-0 pb-2">
          {recent.error ? (
            <div className="px-4">
              <ErrorState error={recent.error} onRetry={recent.refetch} />
            </div>
          ) : !recent.data ? (
            <LoadingState />
          ) : recentRows.length === 0 ? (
            <EmptyState title="No requests yet">
              Open the{' '}
              <Link to="playground" className="text-primary underline">
                Playground
              </Link>{' '}
              or use the snippets in Settings.
            </EmptyState>
          ) : (
            <LogTable rows={recentRows} compact />
          )}
        </CardContent>
      </Card>
    </div>
  );
}
