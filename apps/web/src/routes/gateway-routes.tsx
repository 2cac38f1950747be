import { useParams } from 'react-router';
import { AnalyticsPage } from '@/features/analytics/AnalyticsPage';
import { AuditPage } from '@/features/audit/AuditPage';
import { GatewayLayout, useGatewayContext } from '@/features/gateways/GatewayLayout';
import { KeysPage } from '@/features/keys/KeysPage';
import { LogsPage } from '@/features/logs/LogsPage';
import { OverviewPage } from '@/features/overview/OverviewPage';
import { PlaygroundPage } from '@/features/playground/PlaygroundPage';
import { ProvidersPage } from '@/features/providers/ProvidersPage';
import { SettingsPage } from '@/features/settings/SettingsPage';

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

export function PlaygroundRoute() {
  return <PlaygroundPage gatewayId={useGatewayContext().gateway.id} />;
}

export function ProvidersRoute() {
  return <ProvidersPage gatewayId={useGatewayContext().gateway.id} />;
}

export function KeysRoute() {
  return <KeysPage gatewayId={useGatewayContext().gateway.id} />;
}

export function SettingsRoute() {
  return <SettingsPage {...useGatewayContext()} />;
}

export function AuditRoute() {
  return <AuditPage gatewayId={useGatewayContext().gateway.id} />;
}
