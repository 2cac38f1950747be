import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import { useProviderHealth, useProviders, useRoutingSettings } from './api';
import { ProviderCard } from './components/ProviderCard';
import { ProviderForm } from './components/ProviderForm';
import { RoutingCard } from './components/RoutingCard';
import { breakerLabel, breakerTone } from './shape';
import { canCall, type ProviderHealth, type TeamRole } from '@gateway/contracts';

/** Members see providers and routing; admins change them. */
export function ProvidersPage({ gatewayId, role }: { gatewayId: string; role: TeamRole }) {
  const canManage = canCall(role, 'POST /gateway/:id/providers');
  const providers = useProviders(gatewayId);
  const health = useProviderHealth(gatewayId);
  const routing = useRoutingSettings(gatewayId);
  const [adding, setAdding] = useState(false);

  const refresh = () => {
    providers.refetch();
    health.refetch();
  };
  const healthById = new Map((health.data ?? []).map((h) => [h.provider_config_id, h]));

  return (
    <div className="flex flex-col gap-4" data-testid="providers-page">
      <Card>
        <CardHeader>
          <CardTitle>Providers</CardTitle>
          {!adding && canManage && (
            <Button size="sm" onClick={() => setAdding(true)} data-testid="provider-add">
              Add provider
            </Button>
          )}
        </CardHeader>
        <CardContent className="flex flex-col gap-3">
          <p className="text-sm text-muted-foreground">
            Bring your own keys. Requests go to enabled providers by priority (or the strategy
            below) and move to the next one on connection errors, timeouts, 429 and 5xx.
          </p>
          {adding && (
            <div className="rounded-md border border-border p-3">
              <ProviderForm
                gatewayId={gatewayId}
                onCancel={() => setAdding(false)}
                onSaved={() => {
                  setAdding(false);
                  refresh();
                }}
              />
            </div>
          )}
        </CardContent>
      </Card>

      {providers.error && <ErrorState error={providers.error} onRetry={providers.refetch} />}
      {!providers.data && !providers.error && <LoadingState label="Loading providers…" />}
      {providers.data?.length === 0 && (
        <Card>
          <EmptyState title="No providers of your own yet">
            <p>Until you add one, requests use the server’s default providers:</p>
            <DefaultProviders health={health.data} />
          </EmptyState>
        </Card>
      )}
      {providers.data && providers.data.length > 0 && (
        <div className="flex flex-col gap-3" data-testid="provider-list">
          {providers.data.map((p) => (
            <ProviderCard
              key={`${p.id}:${p.updated_at}`}
              gatewayId={gatewayId}
              provider={p}
              health={healthById.get(p.id)}
              onChanged={refresh}
              canManage={canManage}
            />
          ))}
        </div>
      )}
      {health.error && <ErrorState error={health.error} onRetry={health.refetch} />}

      {routing.error && <ErrorState error={routing.error} onRetry={routing.refetch} />}
      {!routing.data && !routing.error && <LoadingState label="Loading routing settings…" />}
      {routing.data && (
        <RoutingCard
          gatewayId={gatewayId}
          settings={routing.data}
          readOnly={!canCall(role, 'PUT /gateway/:id/routing')}
        />
      )}
    </div>
  );
}

function DefaultProviders({ health }: { health: ProviderHealth[] | undefined }) {
  if (!health) return null;
  if (health.length === 0) return <p>none are configured on this server.</p>;
  return (
    <ul className="flex flex-wrap justify-center gap-2" data-testid="default-providers">
      {health.map((h) => (
        <li key={h.provider_config_id} className="flex items-center gap-1">
          <span className="text-foreground">{h.name}</span>
          <Badge tone={breakerTone(h.state)}>{breakerLabel(h.state)}</Badge>
        </li>
      ))}
    </ul>
  );
}
