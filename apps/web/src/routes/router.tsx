import { createBrowserRouter, Navigate, useRouteError } from 'react-router';
import { AppShell } from '@/components/layout/AppShell';
import { ErrorState } from '@/components/ui/states';
import { AdminPage } from '@/features/admin/AdminPage';
import { AuditPage } from '@/features/audit/AuditPage';
import { ProfilePage } from '@/features/auth/ProfilePage';
import { SignInPage } from '@/features/auth/SignInPage';
import { GatewaysPage } from '@/features/gateways/GatewaysPage';
import {
  AnalyticsRoute,
  AuditRoute,
  GatewayRoute,
  KeysRoute,
  LogsRoute,
  OverviewRoute,
  PlaygroundRoute,
  ProvidersRoute,
  SettingsRoute,
} from './gateway-routes';
import { RequireAuth } from './RequireAuth';

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
      {
        element: <RequireAuth />,
        children: [
          { path: '/', element: <Navigate to="/gateways" replace /> },
          { path: '/gateways', element: <GatewaysPage /> },
          { path: '/profile', element: <ProfilePage /> },
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
