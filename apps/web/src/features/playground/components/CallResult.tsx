import { useState, type ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { formatCost, formatCount, formatMs } from '@/lib/format';
import { useRecordedCall } from '../api';
import type { CallState } from '../useGatewayCall';
import { gatewayHeaderRows } from '../wire-shape';
import { WirePanel } from './WirePanel';

const STATUS_TONE = {
  idle: 'neutral',
  running: 'warning',
  done: 'success',
  error: 'danger',
} as const;

interface Props {
  gatewayId: string;
  /** Names the call in the wire panel ("embeddings · text-embedding-3-small"). */
  title: string;
  call: CallState<unknown>;
  /** The mode's own figures (dimensions, tokens…), shown beside latency and cost. */
  metrics?: { label: string; value: string; testId?: string }[];
  children?: ReactNode;
}

/**
 * The answer of one call: status, latency, what the gateway recorded (tokens, cost), its
 * `x-gateway-*` headers, the mode's own view of the result, and the wire panel on demand.
 */
export function CallResult({ gatewayId, title, call, metrics = [], children }: Props) {
  const [wireOpen, setWireOpen] = useState(false);
  const settled = call.status === 'done' || call.status === 'error';
  const requestId = settled ? call.gateway.requestId : null;
  const recorded = useRecordedCall(gatewayId, requestId);
  const latency = call.endedAt === null ? null : call.endedAt - call.startedAt;
  const cost = recorded.data
    ? recorded.data.cost_usd === null
      ? 'unknown'
      : formatCost(recorded.data.cost_usd)
    : requestId
      ? recorded.error
        ? 'not recorded'
        : '…'
      : '—';
  const headerRows = gatewayHeaderRows(call.headers);
  return (
    <>
      <Card data-testid="call-result">
        <CardContent className="flex flex-col gap-3">
          <div className="flex items-center justify-between gap-2">
            <Badge tone={STATUS_TONE[call.status]} data-testid="call-status">
              {call.status}
            </Badge>
            <Button
              size="sm"
              variant={wireOpen ? 'primary' : 'secondary'}
              onClick={() => setWireOpen((open) => !open)}
              disabled={call.client === null}
              aria-pressed={wireOpen}
              title="What the gateway sent upstream and got back"
              data-testid="call-wire"
            >
              Wire
            </Button>
          </div>
          {call.error && (
            <p
              role="alert"
              className="rounded-md border border-danger/40 bg-danger/10 p-2 text-sm text-danger"
              data-testid="call-error"
            >
              {call.error}
            </p>
          )}
          {children}
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-xs sm:grid-cols-4">
            <Metric label="Latency" value={formatMs(latency)} testId="call-latency" />
            {metrics.map((m) => (
              <Metric key={m.label} {...m} />
            ))}
            <Metric
              label="Tokens in (recorded)"
              value={formatCount(recorded.data?.tokens_in)}
              testId="call-tokens-in"
            />
            <Metric label="Cost (recorded)" value={cost} testId="call-cost" />
          </dl>
          {headerRows.length > 0 && (
            <dl
              className="grid grid-cols-[minmax(0,auto)_minmax(0,1fr)] gap-x-3 font-mono text-xs"
              data-testid="call-gateway-headers"
            >
              {headerRows.map(([name, value]) => (
                <div key={name} className="contents" data-header={name}>
                  <dt className="text-muted-foreground">{name}</dt>
                  <dd className="truncate">{value}</dd>
                </div>
              ))}
            </dl>
          )}
        </CardContent>
      </Card>
      {wireOpen && (
        <WirePanel
          key={call.startedAt}
          gatewayId={gatewayId}
          title={title}
          requestId={call.gateway.requestId}
          client={call.client}
          settled={settled}
          onClose={() => setWireOpen(false)}
        />
      )}
    </>
  );
}

function Metric({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="flex justify-between gap-2 sm:flex-col sm:justify-start">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="font-medium tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
