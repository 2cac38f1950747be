import { useParams } from 'react-router';
import type { ReactNode } from 'react';
import { EmptyState } from '@/components/ui/states';
import { AnalyticsPage } from '@/features/analytics/AnalyticsPage';
import { AuditPage } from '@/features/audit/AuditPage';
import { GatewayLayout, useGatewayContext } from '@/features/gateways/GatewayLayout';
import { KeysPage } from '@/features/keys/KeysPage';
import { LogsPage } from '@/features/logs/LogsPage';
import { McpPage } from '@/features/mcp/McpPage';
import { OverviewPage } from '@/features/overview/OverviewPage';
import { PlaygroundPage } from '@/features/playground/PlaygroundPage';
import { ProvidersPage } from '@/features/providers/ProvidersPage';
import { SettingsPage } from '@/features/settings/SettingsPage';
import { visibleGatewayTabs, type GatewayTab } from '@/features/teams/shape';

export function GatewayRoute() {
  const { gatewayId = '' } = useParams();
  return <GatewayLayout key={gatewayId} gatewayId={gatewayId} />;
}

export function OverviewRoute() {
  return <OverviewPage gatewayId={useGatewayContext().gateway.id} />;
}

export function AnalyticsRoute() {
  return <AnalyticsPage gatewayId={useGatewayContext().gateway.id} />;
}

export function LogsRoute() {
  return <LogsPage gatewayId={useGatewayContext().gateway.id} />;
}

/** A tab the caller's role may not open (a typed URL or an old bookmark): say so, call nothing. */
function RoleGate({ tab, children }: { tab: GatewayTab; children: ReactNode }) {
  const { gateway } = useGatewayContext();
  if (visibleGatewayTabs(gateway.role)[tab]) return children;
  return (
    <EmptyState title="Not available to your role" className="rounded-lg border border-border">
      <p data-testid="role-gate">
        As a {gateway.role} of this gateway’s team you can see its analytics and logs. Ask a team
        admin for more access.
      </p>
    </EmptyState>
  );
}

export function PlaygroundRoute() {
  const { gateway } = useGatewayContext();
  return (
    <RoleGate tab="playground">
      <PlaygroundPage gatewayId={gateway.id} />
    </RoleGate>
  );
}

export function ProvidersRoute() {
  const { gateway } = useGatewayContext();
  return (
    <RoleGate tab="providers">
      <ProvidersPage gatewayId={gateway.id} role={gateway.role} />
    </RoleGate>
  );
}

export function KeysRoute() {
  const { gateway } = useGatewayContext();
  return (
    <RoleGate tab="keys">
      <KeysPage gatewayId={gateway.id} />
    </RoleGate>
  );
}

export function McpRoute() {
  return <McpPage gatewayId={useGatewayContext().gateway.id} />;
}

export function SettingsRoute() {
  const context = useGatewayContext();
  return (
    <RoleGate tab="settings">
      <SettingsPage {...context} />
    </RoleGate>
  );
}

export function AuditRoute() {
  return <AuditPage gatewayId={useGatewayContext().gateway.id} />;
}
