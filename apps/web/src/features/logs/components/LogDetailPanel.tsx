import { type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { formatCost, formatCount, formatMs } from '@/lib/format';
import { useLogDetail } from '../api';
import { formatBody } from '../shape';
import { StatusBadge } from './StatusBadge';

export function LogDetailPanel({
  gatewayId,
  requestId,
  onClose,
}: {
  gatewayId: string;
  requestId: string;
  onClose: () => void;
}) {
  const detail = useLogDetail(gatewayId, requestId);
  return (
    <aside
      className="flex flex-col gap-3 rounded-lg border border-border bg-card p-4"
      data-testid="log-detail"
      aria-label="Request detail"
    >
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 className="text-sm font-semibold">Request</h2>
          <code className="break-all text-xs text-muted-foreground">{requestId}</code>
        </div>
        <Button size="sm" variant="ghost" onClick={onClose} aria-label="Close detail">
          ✕
        </Button>
      </div>
      {detail.error && <ErrorState error={detail.error} onRetry={detail.refetch} />}
      {!detail.data && !detail.error && <LoadingState />}
      {detail.data && (
        <>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
            <Field label="Status">
              <StatusBadge status={detail.data.status} />
            </Field>
            <Field label="Time">{new Date(detail.data.timestamp).toLocaleString()}</Field>
            <Field label="Endpoint">
              {detail.data.endpoint} ({detail.data.operation})
            </Field>
            <Field label="Client format">{detail.data.client_format}</Field>
            <Field label="Provider">{detail.data.provider}</Field>
            <Field label="Model">
              {detail.data.requested_model}
              {detail.data.upstream_model &&
                detail.data.upstream_model !== detail.data.requested_model && (
                  <span className="text-muted-foreground"> → {detail.data.upstream_model}</span>
                )}
            </Field>
            <Field label="Stream">{detail.data.stream ? 'yes' : 'no'}</Field>
            <Field label="Tokens">
              {formatCount(detail.data.tokens_in)} in · {formatCount(detail.data.tokens_out)} out ·{' '}
              {formatCount(detail.data.tokens_cached)} cached ·{' '}
              {formatCount(detail.data.tokens_reasoning)} reasoning
            </Field>
            <Field label="Cost">{formatCost(detail.data.cost_usd)}</Field>
            <Field label="Latency">
              {formatMs(detail.data.latency_ms)} total · {formatMs(detail.data.ttft_ms)} first token
              · {formatMs(detail.data.upstream_latency_ms)} upstream
            </Field>
            <Field label="Attempts">{detail.data.attempts}</Field>
            <Field label="Key">{detail.data.key_id ?? '—'}</Field>
            {detail.data.error_message && (
              <Field label="Error">
                <span className="text-danger">
                  {detail.data.error_type ? `${detail.data.error_type}: ` : ''}
                  {detail.data.error_message}
                </span>
              </Field>
            )}
          </dl>
          <Body title="Request body" body={formatBody(detail.data.request_body)} />
          <Body title="Response body" body={formatBody(detail.data.response_body)} />
        </>
      )}
    </aside>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  );
}

function Body({ title, body }: { title: string; body: string | null }) {
  return (
    <div>
      <h3 className="mb-1 text-xs font-medium text-muted-foreground">{title}</h3>
      {body === null ? (
        <p className="text-xs text-muted-foreground">
          Not stored (body logging is off for this gateway).
        </p>
      ) : (
        <pre className="max-h-72 overflow-auto rounded bg-muted p-2 text-xs">{body}</pre>
      )}
    </div>
  );
}
