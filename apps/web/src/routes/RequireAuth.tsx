import { Navigate, Outlet } from 'react-router';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { useAuth } from '@/features/auth/AuthProvider';

export function RequireAuth() {
  const auth = useAuth();
  switch (auth.status) {
    case 'loading':
      return <LoadingState label="Signing in…" />;
    case 'error':
      return (
        <ErrorState
          error={auth.error ?? new Error('Could not load your account')}
          onRetry={auth.retry}
        />
      );
    case 'signed-out':
      return <Navigate to="/sign-in" replace />;
    case 'signed-in':
      return <Outlet />;
  }
}
