import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { formatCost, formatCount, formatMs } from '@/lib/format';
import { outputSpeed, runCost, runTimings } from '../shape';
import type { CatalogModel } from '@gateway/contracts';
import type { RunState } from '../useChatRun';
import { ModelPicker } from './ModelPicker';

interface Props {
  index: number;
  model: CatalogModel | null;
  onModelChange: (model: CatalogModel) => void;
  run: RunState;
  onStop: () => void;
  wireOpen: boolean;
  onWire: () => void;
}

const STATUS_TONE = {
  idle: 'neutral',
  streaming: 'warning',
  done: 'success',
  stopped: 'neutral',
  error: 'danger',
} as const;

export function RunPanel({ index, model, onModelChange, run, onStop, wireOpen, onWire }: Props) {
  const timings = runTimings(run.startedAt, run.firstTokenAt, run.endedAt);
  const cost = run.usage ? runCost(run.usage, model?.pricing) : null;
  const speed = outputSpeed(run.usage, run.firstTokenAt, run.endedAt);
  return (
    <Card className="flex min-w-0 flex-col" data-testid={`run-panel-${index}`}>
      <CardHeader className="flex-col items-stretch">
        <ModelPicker index={index} value={model} onChange={onModelChange} />
      </CardHeader>
      <CardContent className="flex flex-1 flex-col gap-3">
        <div className="flex items-center justify-between gap-2">
          <Badge tone={STATUS_TONE[run.status]} data-testid={`run-status-${index}`}>
            {run.status}
          </Badge>
          <div className="flex gap-2">
            <Button
              size="sm"
              variant={wireOpen ? 'primary' : 'secondary'}
              onClick={onWire}
              disabled={run.client === null}
              aria-pressed={wireOpen}
              title="What the gateway sent upstream and got back"
              data-testid={`run-wire-${index}`}
            >
              Wire
            </Button>
            <Button
              size="sm"
              variant="danger"
              onClick={onStop}
              disabled={run.status !== 'streaming'}
              data-testid={`run-stop-${index}`}
            >
              Stop
            </Button>
          </div>
        </div>
        <div
          className="min-h-40 flex-1 whitespace-pre-wrap break-words rounded-md bg-muted p-3 text-sm"
          data-testid={`run-output-${index}`}
          aria-live="polite"
        >
          {run.text || (
            <span className="text-muted-foreground">
              {run.status === 'streaming'
                ? 'Waiting for the first token…'
                : 'The answer appears here.'}
            </span>
          )}
        </div>
        {run.error && (
          <p
            role="alert"
            className="rounded-md border border-danger/40 bg-danger/10 p-2 text-sm text-danger"
            data-testid={`run-error-${index}`}
          >
            {run.error}
          </p>
        )}
        <dl
          className="grid grid-cols-2 gap-x-4 gap-y-1 text-xs sm:grid-cols-3"
          data-testid={`run-metrics-${index}`}
        >
          <Metric
            label="Latency"
            value={formatMs(timings.latencyMs)}
            testId={`metric-latency-${index}`}
          />
          <Metric
            label="First token"
            value={formatMs(timings.ttftMs)}
            testId={`metric-ttft-${index}`}
          />
          <Metric label="Speed" value={speed === null ? '—' : `${speed.toFixed(0)} tok/s`} />
          <Metric
            label="Tokens in"
            value={formatCount(run.usage?.promptTokens)}
            testId={`metric-tokens-in-${index}`}
          />
          <Metric
            label="Tokens out"
            value={formatCount(run.usage?.completionTokens)}
            testId={`metric-tokens-out-${index}`}
          />
          <Metric
            label="Cost"
            value={run.usage ? (cost === null ? 'unknown' : formatCost(cost)) : '—'}
            testId={`metric-cost-${index}`}
          />
        </dl>
        {(run.provider || run.requestId) && (
          <p className="truncate text-xs text-muted-foreground">
            {run.provider && <>via {run.provider} · </>}
            {run.model && <>{run.model} · </>}
            {run.requestId && <code data-testid={`run-request-id-${index}`}>{run.requestId}</code>}
          </p>
        )}
      </CardContent>
    </Card>
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
