import { Link } from 'react-router';
import { ErrorState } from '@/components/ui/states';
import { useAdminStatus } from './api';
import { GatewaysCard } from './components/GatewaysCard';
import { InvitesCard } from './components/InvitesCard';
import { UsersCard } from './components/UsersCard';

/** The operator's page (role admin): users, invitations, every gateway. */
export function AdminPage() {
  const status = useAdminStatus();
  return (
    <div className="flex flex-col gap-4" data-testid="admin-page">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">Administration</h1>
        {status.data && (
          <p className="text-sm text-muted-foreground" data-testid="admin-status">
            Sign-up: <strong>{status.data.signup_mode}</strong> · environment keys:{' '}
            <strong>{status.data.env_providers}</strong> ·{' '}
            <Link to="/audit" className="underline">
              audit log
            </Link>
          </p>
        )}
      </div>
      {status.error && <ErrorState error={status.error} onRetry={status.refetch} />}
      <UsersCard envProviders={status.data?.env_providers} />
      <InvitesCard />
      <GatewaysCard />
    </div>
  );
}
