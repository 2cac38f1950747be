import { useEffect, useMemo, useState } from 'react';
import { ChartFrame, type SeriesConfig } from '@/components/charts/ChartFrame';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Label, Select } from '@/components/ui/input';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import { formatCost, formatCount, formatMs, formatPercent } from '@/lib/format';
import { useBreakdown, useTimeseries } from './api';
import { BreakdownCard } from './components/BreakdownCard';
import { RangePicker } from './components/RangePicker';
import { fillSeries, formatBucket, totals, type ChartPoint } from './shape';
import { useTimeRange } from './useTimeRange';

interface ChartSpec {
  id: string;
  title: string;
  series: SeriesConfig[];
  format: (value: number) => string;
  integer?: boolean;
}

const CHARTS: ChartSpec[] = [
  {
    id: 'requests',
    title: 'Requests',
    series: [{ key: 'requests', label: 'Requests', color: 'var(--chart-1)', kind: 'bar' }],
    format: formatCount,
    integer: true,
  },
  {
    id: 'tokens',
    title: 'Tokens',
    series: [
      { key: 'tokens_in', label: 'Input', color: 'var(--chart-2)', kind: 'area', stack: 'tokens' },
      {
        key: 'tokens_out',
        label: 'Output',
        color: 'var(--chart-3)',
        kind: 'area',
        stack: 'tokens',
      },
    ],
    format: formatCount,
    integer: true,
  },
  {
    id: 'cost',
    title: 'Cost (USD)',
    series: [{ key: 'cost', label: 'Cost', color: 'var(--chart-5)', kind: 'area' }],
    format: formatCost,
  },
  {
    id: 'latency',
    title: 'Latency',
    series: [
      { key: 'latency_p50', label: 'p50', color: 'var(--chart-1)' },
      { key: 'latency_p95', label: 'p95', color: 'var(--chart-3)' },
      { key: 'latency_p99', label: 'p99', color: 'var(--chart-4)' },
    ],
    format: formatMs,
  },
  {
    id: 'ttft',
    title: 'Time to first token',
    series: [
      { key: 'ttft_p50', label: 'p50', color: 'var(--chart-2)' },
      { key: 'ttft_p95', label: 'p95', color: 'var(--chart-4)' },
    ],
    format: formatMs,
  },
  {
    id: 'error-rate',
    title: 'Error rate',
    series: [{ key: 'error_rate', label: 'Error rate', color: 'var(--chart-4)' }],
    format: formatPercent,
  },
];

const REFRESH_CHOICES = [
  { value: 0, label: 'Off' },
  { value: 10_000, label: '10 s' },
  { value: 30_000, label: '30 s' },
  { value: 60_000, label: '1 min' },
];

export function AnalyticsPage({ gatewayId }: { gatewayId: string }) {
  const time = useTimeRange('24h');
  const [refreshMs, setRefreshMs] = useState(30_000);
  const options = { keepPreviousData: true };
  const series = useTimeseries(gatewayId, time.range, options);
  const byModel = useBreakdown(gatewayId, 'model', time.range, options);
  const byProvider = useBreakdown(gatewayId, 'provider', time.range, options);
  const byOperation = useBreakdown(gatewayId, 'operation', time.range, options);
  const { advance } = time;
  const refetchAll = () => {
    advance();
    series.refetch();
    byModel.refetch();
    byProvider.refetch();
    byOperation.refetch();
  };

  const refetchSeries = series.refetch;
  const refetchModel = byModel.refetch;
  const refetchProvider = byProvider.refetch;
  const refetchOperation = byOperation.refetch;
  useEffect(() => {
    if (!refreshMs) return;
    const timer = setInterval(() => {
      advance();
      refetchSeries();
      refetchModel();
      refetchProvider();
      refetchOperation();
    }, refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs, advance, refetchSeries, refetchModel, refetchProvider, refetchOperation]);

  const rows: ChartPoint[] = useMemo(
    () => (series.data ? fillSeries(series.data, time.range) : []),
    [series.data, time.range],
  );
  const sum = totals(rows);
  const formatX = (t: number) => formatBucket(t, time.range.granularity);

  return (
    <div className="flex flex-col gap-4" data-testid="analytics-page">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <RangePicker state={time} />
        <div className="flex items-end gap-2">
          <Label className="flex-row items-center gap-2">
            Auto refresh
            <Select
              className="w-auto"
              value={refreshMs}
              onChange={(e) => setRefreshMs(Number(e.target.value))}
              data-testid="auto-refresh"
            >
              {REFRESH_CHOICES.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </Select>
          </Label>
          <Button
            size="sm"
            variant="secondary"
            onClick={refetchAll}
            data-testid="analytics-refresh"
          >
            Refresh
          </Button>
        </div>
      </div>
      {time.error && <ErrorState error={time.error} />}
      {series.error && <ErrorState error={series.error} onRetry={series.refetch} />}
      {!series.data && !series.error && <LoadingState label="Loading charts…" />}
      {series.data && (
        <>
          <div
            className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4"
            data-testid="analytics-totals"
          >
            <Stat label="Requests" value={formatCount(sum.requests)} testId="total-requests" />
            <Stat label="Tokens" value={formatCount(sum.tokens)} />
            <Stat label="Cost" value={formatCost(sum.cost)} />
            <Stat label="Error rate" value={formatPercent(sum.errorRate)} />
          </div>
          {sum.requests === 0 && (
            <EmptyState title="No requests in this range">
              Send one from the Playground or your app and it shows up here.
            </EmptyState>
          )}
          <div className="grid gap-4 lg:grid-cols-2">
            {CHARTS.map((chart) => (
              <Card key={chart.id}>
                <CardHeader>
                  <CardTitle>{chart.title}</CardTitle>
                </CardHeader>
                <CardContent className="pt-2">
                  <ChartFrame
                    data={rows}
                    xKey="t"
                    series={chart.series}
                    formatX={formatX}
                    formatY={chart.format}
                    integer={chart.integer}
                    testId={`chart-${chart.id}`}
                    title={chart.title}
                    height={220}
                  />
                </CardContent>
              </Card>
            ))}
          </div>
        </>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <BreakdownCard title="By model" label="Model" testId="breakdown-model" query={byModel} />
        <BreakdownCard
          title="By provider"
          label="Provider"
          testId="breakdown-provider"
          query={byProvider}
        />
        <BreakdownCard
          title="By endpoint"
          label="Endpoint"
          testId="breakdown-operation"
          query={byOperation}
        />
      </div>
    </div>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded-lg border border-border bg-card p-3">
      <div className="text-xs text-muted-foreground">{label}</div>
      <div className="text-lg font-semibold tabular-nums" data-testid={testId}>
        {value}
      </div>
    </div>
  );
}
