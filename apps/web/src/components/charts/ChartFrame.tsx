import {
  Area,
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/** One plotted value: which field, how it is drawn and how its numbers read. */
export interface SeriesConfig {
  key: string;
  label: string;
  /** A CSS colour, usually one of the `var(--chart-N)` theme colours. */
  color: string;
  kind?: 'line' | 'area' | 'bar';
  stack?: string;
}

export interface ChartFrameProps {
  data: object[];
  series: SeriesConfig[];
  xKey: string;
  /** `sparkline` drops axes, grid, legend and tooltip for the small trend lines on cards. */
  variant?: 'full' | 'sparkline';
  height?: number;
  formatX?: (value: number) => string;
  formatY?: (value: number) => string;
  /** Counts (requests, tokens) should not get fractional ticks. */
  integer?: boolean;
  testId?: string;
  title?: string;
}

/** A line through a single point draws nothing, so sparse series get dots to stay visible. */
function isSparse(data: object[], key: string): boolean {
  let points = 0;
  for (const row of data) {
    if (typeof (row as Record<string, unknown>)[key] === 'number') points += 1;
    if (points > 3) return false;
  }
  return true;
}

/** The single Recharts frame of the app: every chart is this component plus a series config. */
export function ChartFrame({
  data,
  series,
  xKey,
  variant = 'full',
  height = 240,
  formatX,
  formatY,
  integer = false,
  testId,
  title,
}: ChartFrameProps) {
  const full = variant === 'full';
  const valueFormatter = (value: unknown) =>
    typeof value === 'number' && formatY ? formatY(value) : String(value ?? '—');
  return (
    <div data-testid={testId} role="img" aria-label={title} style={{ width: '100%', height }}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          data={data}
          margin={
            full
              ? { top: 8, right: 8, bottom: 0, left: 0 }
              : { top: 2, right: 0, bottom: 2, left: 0 }
          }
        >
          {full && <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />}
          <XAxis
            dataKey={xKey}
            hide={!full}
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={formatX}
            tick={{ fontSize: 11, fill: 'var(--muted-foreground)' }}
            stroke="var(--border)"
            minTickGap={24}
          />
          <YAxis
            hide={!full}
            width={76}
            tickFormatter={formatY}
            tick={{ fontSize: 11, fill: 'var(--muted-foreground)' }}
            stroke="var(--border)"
            allowDecimals={!integer}
          />
          {full && (
            <Tooltip
              labelFormatter={(label) =>
                typeof label === 'number' && formatX ? formatX(label) : String(label)
              }
              formatter={valueFormatter}
              contentStyle={{
                background: 'var(--card)',
                border: '1px solid var(--border)',
                borderRadius: 6,
                fontSize: 12,
              }}
            />
          )}
          {full && series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
          {series.map((s) => {
            // Dense lines stay clean; sparse ones (a single request in the range) show their points.
            const dot = isSparse(data, s.key)
              ? { r: full ? 3 : 2, fill: s.color, strokeWidth: 0 }
              : false;
            switch (s.kind ?? 'line') {
              case 'area':
                return (
                  <Area
                    key={s.key}
                    dataKey={s.key}
                    name={s.label}
                    stroke={s.color}
                    fill={s.color}
                    fillOpacity={0.2}
                    stackId={s.stack}
                    isAnimationActive={false}
                    connectNulls
                    type="monotone"
                    dot={dot}
                  />
                );
              case 'bar':
                return (
                  <Bar
                    key={s.key}
                    dataKey={s.key}
                    name={s.label}
                    fill={s.color}
                    stackId={s.stack}
                    isAnimationActive={false}
                  />
                );
              case 'line':
                return (
                  <Line
                    key={s.key}
                    dataKey={s.key}
                    name={s.label}
                    stroke={s.color}
                    strokeWidth={full ? 2 : 1.5}
                    dot={dot}
                    connectNulls
                    isAnimationActive={false}
                    type="monotone"
                  />
                );
            }
          })}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
