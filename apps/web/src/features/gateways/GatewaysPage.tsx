import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import { useAction } from '@/lib/useAction';
import { gatewayApi, useGateways } from './api';

export function GatewaysPage() {
  const gateways = useGateways();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [create, creating] = useAction(gatewayApi.create);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await create(name.trim());
    if (created) await navigate(`/gateways/${created.gateway_id}/settings`);
  };

  return (
    <div className="flex flex-col gap-4" data-testid="gateways-page">
      <h1 className="text-xl font-semibold">Gateways</h1>
      <Card>
        <CardHeader>
          <CardTitle>New gateway</CardTitle>
        </CardHeader>
        <CardContent>
          <form className="flex flex-col gap-2 sm:flex-row" onSubmit={(e) => void submit(e)}>
            <Input
              aria-label="Gateway name"
              data-testid="gateway-name-input"
              placeholder="e.g. production"
              required
              maxLength={100}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
            <Button
              type="submit"
              data-testid="gateway-create"
              disabled={creating.pending || !name.trim()}
            >
              {creating.pending ? 'Creating…' : 'Create gateway'}
            </Button>
          </form>
          {creating.error && <ErrorState className="mt-3" error={creating.error} />}
        </CardContent>
      </Card>
      <Card>
        {gateways.error ? (
          <CardContent>
            <ErrorState error={gateways.error} onRetry={gateways.refetch} />
          </CardContent>
        ) : !gateways.data ? (
          <LoadingState label="Loading gateways…" />
        ) : gateways.data.length === 0 ? (
          <EmptyState title="No gateways yet">
            Create one above to get an endpoint and a secret.
          </EmptyState>
        ) : (
          <ul className="divide-y divide-border" data-testid="gateway-list">
            {gateways.data.map((gateway) => (
              <li key={gateway.id}>
                <Link
                  to={`/gateways/${gateway.id}`}
                  className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 hover:bg-muted"
                  data-testid="gateway-link"
                >
                  <span className="font-medium">{gateway.name}</span>
                  <span className="text-xs text-muted-foreground">
                    created {new Date(gateway.created_at).toLocaleDateString()}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
