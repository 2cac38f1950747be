import { NavLink, Outlet, useOutletContext } from 'react-router';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { cn } from '@/lib/cn';
import { useAdminGateways } from '../admin/api';
import { useAuth } from '../auth/AuthProvider';
import { RoleBadge } from '../teams/components/RoleBadge';
import { visibleGatewayTabs } from '../teams/shape';
import { useGateways, type Gateway } from './api';

const TABS = [
  { to: '', label: 'Overview', id: 'overview' },
  { to: 'analytics', label: 'Analytics', id: 'analytics' },
  { to: 'logs', label: 'Logs', id: 'logs' },
  { to: 'playground', label: 'Playground', id: 'playground' },
  { to: 'providers', label: 'Providers', id: 'providers' },
  { to: 'keys', label: 'Keys', id: 'keys' },
  { to: 'mcp', label: 'MCP', id: 'mcp' },
  { to: 'settings', label: 'Settings', id: 'settings' },
  { to: 'audit', label: 'Audit', id: 'audit' },
] as const;

export interface GatewayContext {
  gateway: Gateway;
  refreshGateway: () => void;
}

/**
 * The gateway shell: name, the caller's role and the tabs that role may open; each tab gets the
 * gateway through the outlet context.
 */
export function GatewayLayout({ gatewayId }: { gatewayId: string }) {
  const gateways = useGateways();
  const { user } = useAuth();
  const own = gateways.data?.find((g) => g.id === gatewayId);
  // Admins may open any user's gateway (from the Admin page): look it up in the list of all.
  const lookAmongAll = user?.role === 'admin' && gateways.data !== undefined && !own;
  const all = useAdminGateways({ enabled: lookAmongAll });
  if (gateways.error) return <ErrorState error={gateways.error} onRetry={gateways.refetch} />;
  if (!gateways.data || (lookAmongAll && !all.data && !all.error)) return <LoadingState />;
  const other = all.data?.find((g) => g.id === gatewayId);
  // An admin passes every role check: another team's gateway opens as its owner would see it.
  const gateway: Gateway | undefined =
    own ??
    (other && {
      id: other.id,
      name: other.name,
      created_at: other.created_at,
      team_id: other.team_id,
      role: 'owner',
    });
  if (!gateway)
    return (
      <ErrorState
        error={
          new Error(
            'Gateway not found. It may have been deleted, or you are not a member of its team.',
          )
        }
      />
    );

  const context: GatewayContext = {
    gateway,
    refreshGateway: own ? gateways.refetch : all.refetch,
  };
  const visible = visibleGatewayTabs(gateway.role);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <div className="flex min-w-0 items-center gap-2">
          <h1 className="truncate text-xl font-semibold" data-testid="gateway-title">
            {gateway.name}
          </h1>
          <RoleBadge role={gateway.role} testId="gateway-role" />
        </div>
        <code className="truncate text-xs text-muted-foreground">{gateway.id}</code>
      </div>
      <nav
        className="-mx-4 overflow-x-auto border-b border-border px-4"
        aria-label="Gateway sections"
      >
        <div className="flex min-w-max gap-1">
          {TABS.filter((tab) => visible[tab.id]).map((tab) => (
            <NavLink
              key={tab.id}
              to={tab.to}
              end
              data-testid={`tab-${tab.id}`}
              className={({ isActive }) =>
                cn(
                  '-mb-px border-b-2 px-3 py-2 text-sm font-medium',
                  isActive
                    ? 'border-primary text-foreground'
                    : 'border-transparent text-muted-foreground hover:text-foreground',
                )
              }
            >
              {tab.label}
            </NavLink>
          ))}
        </div>
      </nav>
      <Outlet context={context} />
    </div>
  );
}

export function useGatewayContext(): GatewayContext {
  return useOutletContext<GatewayContext>();
}
