import { Link } from 'react-router';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import { useAdminGateways } from '../api';

/** Every gateway of every user, with whether it may spend the environment's provider keys. */
export function GatewaysCard() {
  const gateways = useAdminGateways();
  return (
    <Card data-testid="admin-gateways">
      <CardHeader>
        <CardTitle>All gateways</CardTitle>
      </CardHeader>
      <CardContent>
        {gateways.error && <ErrorState error={gateways.error} onRetry={gateways.refetch} />}
        {!gateways.data && !gateways.error && <LoadingState label="Loading gateways…" />}
        {gateways.data?.length === 0 && <EmptyState title="No gateways yet" />}
        {gateways.data && gateways.data.length > 0 && (
          <ul className="flex flex-col divide-y divide-border text-sm">
            {gateways.data.map((g) => (
              <li key={g.id} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
                <Link to={`/gateways/${g.id}`} className="font-medium hover:underline">
                  {g.name}
                </Link>
                <span className="flex items-center gap-2 text-xs text-muted-foreground">
                  {g.owner.email ?? g.owner.username}
                  {g.owner.disabled && <Badge tone="danger">owner disabled</Badge>}
                  <Badge tone={g.env_allowed ? 'success' : 'neutral'}>
                    {g.env_allowed ? 'environment keys' : 'own providers only'}
                  </Badge>
                </span>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
