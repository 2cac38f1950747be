import { createBrowserRouter, Navigate, useRouteError } from 'react-router';
import { AppShell } from '@/components/layout/AppShell';
import { ErrorState } from '@/components/ui/states';
import { AdminPage } from '@/features/admin/AdminPage';
import { AuditPage } from '@/features/audit/AuditPage';
import { ProfilePage } from '@/features/auth/ProfilePage';
import { SignInPage } from '@/features/auth/SignInPage';
import { SsoCallbackPage } from '@/features/auth/SsoCallbackPage';
import { GatewaysPage } from '@/features/gateways/GatewaysPage';
import { TeamsPage } from '@/features/teams/TeamsPage';
import {
  AnalyticsRoute,
  AuditRoute,
  GatewayRoute,
  KeysRoute,
  McpRoute,
  LogsRoute,
  OverviewRoute,
  PlaygroundRoute,
  ProvidersRoute,
  SettingsRoute,
} from './gateway-routes';
import { RequireAuth } from './RequireAuth';
import { TeamRoute } from './team-routes';

function RouteError() {
  const error = useRouteError();
  return (
    <div className="mx-auto max-w-xl p-6">
      <ErrorState error={error instanceof Error ? error : new Error('Page not found')} />
    </div>
  );
}

export const router = createBrowserRouter([
  {
    element: <AppShell />,
    errorElement: <RouteError />,
    children: [
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/sign-in/sso', element: <SsoCallbackPage /> },
      {
        element: <RequireAuth />,
        children: [
          { path: '/', element: <Navigate to="/gateways" replace /> },
          { path: '/gateways', element: <GatewaysPage /> },
          { path: '/profile', element: <ProfilePage /> },
          // Not /teams: that path is the API's (a reload there would get JSON).
          { path: '/team', element: <TeamsPage /> },
          { path: '/team/:teamId', element: <TeamRoute /> },
          { path: '/admin', element: <AdminPage /> },
          { path: '/audit', element: <AuditPage /> },
          {
            path: '/gateways/:gatewayId',
            element: <GatewayRoute />,
            children: [
              { index: true, element: <OverviewRoute /> },
              { path: 'analytics', element: <AnalyticsRoute /> },
              { path: 'logs', element: <LogsRoute /> },
              { path: 'playground', element: <PlaygroundRoute /> },
              { path: 'providers', element: <ProvidersRoute /> },
              { path: 'keys', element: <KeysRoute /> },
              { path: 'mcp', element: <McpRoute /> },
              { path: 'settings', element: <SettingsRoute /> },
              { path: 'audit', element: <AuditRoute /> },
            ],
          },
          { path: '*', element: <RouteError /> },
        ],
      },
    ],
  },
]);
