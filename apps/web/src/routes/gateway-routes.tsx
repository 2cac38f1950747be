import { useParams } from 'react-router';
import { AnalyticsPage } from '@/features/analytics/AnalyticsPage';
import { GatewayLayout, useGatewayContext } from '@/features/gateways/GatewayLayout';
import { LogsPage } from '@/features/logs/LogsPage';
import { OverviewPage } from '@/features/overview/OverviewPage';
import { PlaygroundPage } from '@/features/playground/PlaygroundPage';
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

export function SettingsRoute() {
  return <SettingsPage {...useGatewayContext()} />;
}
