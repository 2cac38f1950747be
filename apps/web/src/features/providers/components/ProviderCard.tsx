import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm';
import { Toggle } from '@/components/ui/field';
import { ErrorState } from '@/components/ui/states';
import { useAction } from '@/lib/useAction';
import { providerApi } from '../api';
import { breakerLabel, breakerTone } from '../shape';
import type { Provider, ProviderHealth, ProviderTestResult } from '@gateway/contracts';
import { ProviderForm } from './ProviderForm';

interface Props {
  gatewayId: string;
  provider: Provider;
  health: ProviderHealth | undefined;
  onChanged: () => void;
  /** Test, edit, enable and delete are for team admins; members only read. */
  canManage: boolean;
}

export function ProviderCard({ gatewayId, provider, health, onChanged, canManage }: Props) {
  const [editing, setEditing] = useState(false);
  const [tested, setTested] = useState<ProviderTestResult>();
  const [test, testing] = useAction(() => providerApi.test(gatewayId, provider.id));
  // Shown switched at once; put back if the API refuses.
  const [enabled, setEnabled] = useState(provider.enabled);
  const [save, toggling] = useAction((next: boolean) =>
    providerApi.update(gatewayId, provider.id, { enabled: next }),
  );
  const toggle = async (next: boolean) => {
    setEnabled(next);
    const saved = await save(next);
    if (saved) onChanged();
    else setEnabled(!next);
  };
  const [remove, removing] = useAction(() => providerApi.remove(gatewayId, provider.id));

  const runTest = async () => {
    setTested(undefined);
    const result = await test();
    if (result) setTested(result);
  };

  return (
    <Card data-testid="provider-card" data-provider-name={provider.name}>
      <CardContent className="flex flex-col gap-3">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div className="flex min-w-0 flex-col gap-1">
            <div className="flex flex-wrap items-center gap-2">
              <span className="truncate font-medium" data-testid="provider-card-name">
                {provider.name}
              </span>
              <Badge>{provider.provider}</Badge>
              <Badge tone={breakerTone(health?.state)} data-testid="provider-health">
                {breakerLabel(health?.state)}
              </Badge>
              {!provider.enabled && <Badge tone="warning">disabled</Badge>}
            </div>
            <span className="break-all text-xs text-muted-foreground">
              {provider.base_url ?? 'default URL'}
              {provider.key_last4 && <> · key …{provider.key_last4}</>}
            </span>
          </div>
          <Toggle
            checked={enabled}
            disabled={toggling.pending || !canManage}
            label="Enabled"
            testId="provider-toggle"
            onChange={(next) => void toggle(next)}
          />
        </div>

        <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-xs sm:grid-cols-4">
          <Stat label="Priority" value={provider.priority} />
          <Stat label="Weight" value={provider.weight} />
          <Stat
            label="Latency (avg)"
            value={
              health?.latency_avg_ms === null || health === undefined
                ? '—'
                : `${Math.round(health.latency_avg_ms)} ms`
            }
          />
          <Stat
            label={`Concurrency (${provider.concurrency.mode})`}
            value={
              health
                ? `${health.concurrency.in_flight}/${health.concurrency.limit}${health.concurrency.queued ? ` +${health.concurrency.queued} queued` : ''}`
                : `max ${provider.concurrency.max}`
            }
          />
        </dl>
        <p className="break-words text-xs text-muted-foreground">
          Models:{' '}
          {provider.models.length > 0
            ? provider.models.join(', ')
            : 'all of this provider’s models'}
          {Object.keys(provider.model_mapping).length > 0 &&
            ` · ${Object.keys(provider.model_mapping).length} mapped`}
          {health && health.failures > 0 && ` · ${health.failures} recent failures`}
        </p>

        {canManage && (
          <div className="flex flex-wrap items-center gap-2">
            <Button
              size="sm"
              variant="secondary"
              onClick={() => void runTest()}
              disabled={testing.pending}
              data-testid="provider-test"
            >
              {testing.pending ? 'Testing…' : 'Test connection'}
            </Button>
            <Button
              size="sm"
              variant="secondary"
              onClick={() => setEditing((e) => !e)}
              data-testid="provider-edit"
            >
              {editing ? 'Close' : 'Edit'}
            </Button>
            <ConfirmButton
              label="Delete"
              question={
                <>
                  Delete <strong>{provider.name}</strong>? Requests stop going to it at once.
                </>
              }
              pending={removing.pending}
              onConfirm={() => void remove().then(() => onChanged())}
              testId="provider-delete"
            />
          </div>
        )}
        {tested && <TestResult result={tested} />}
        {testing.error && <ErrorState error={testing.error} />}
        {toggling.error && <ErrorState error={toggling.error} />}
        {removing.error && <ErrorState error={removing.error} />}

        {editing && (
          <div className="border-t border-border pt-3">
            <ProviderForm
              gatewayId={gatewayId}
              existing={provider}
              onCancel={() => setEditing(false)}
              onSaved={() => {
                setEditing(false);
                onChanged();
              }}
            />
          </div>
        )}
      </CardContent>
    </Card>
  );
}

function Stat({ label, value }: { label: string; value: string | number }) {
  return (
    <div className="flex min-w-0 flex-col">
      <dt className="truncate text-muted-foreground">{label}</dt>
      <dd className="font-medium tabular-nums">{value}</dd>
    </div>
  );
}

function TestResult({ result }: { result: ProviderTestResult }) {
  return (
    <div
      className="flex flex-wrap items-center gap-2 text-sm"
      role="status"
      data-testid="provider-test-result"
      data-ok={result.ok}
    >
      <Badge tone={result.ok ? 'success' : 'danger'}>{result.ok ? 'Connected' : 'Failed'}</Badge>
      <span className="text-muted-foreground">
        {result.status !== null && `HTTP ${result.status} · `}
        {result.latency_ms} ms
        {result.models_count !== null && ` · ${result.models_count} models`}
      </span>
      {result.error && <span className="break-words text-danger">{result.error}</span>}
    </div>
  );
}
