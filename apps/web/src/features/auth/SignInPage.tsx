import { Navigate, useSearchParams } from 'react-router';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { useQuery } from '@/lib/useQuery';
import { authApi } from './api';
import { useAuth } from './AuthProvider';
import { AnonymousCard } from './components/AnonymousCard';
import { PasswordCard } from './components/PasswordCard';
import { SsoCard } from './components/SsoCard';
import { signInOptions } from './sign-in-options';

/** Offers the sign-in methods the gateway has enabled (`GET /auth/methods`). */
export function SignInPage() {
  const auth = useAuth();
  const methods = useQuery('auth-methods', authApi.methods);
  // An invitation link (/sign-in?invite=…) opens account creation with its token.
  const invite = useSearchParams()[0].get('invite') ?? undefined;
  if (auth.status === 'signed-in') return <Navigate to="/gateways" replace />;
  const options = signInOptions(methods.data);

  return (
    <div
      className="mx-auto flex w-full max-w-md flex-col gap-4 px-4 py-10"
      data-testid="sign-in-page"
    >
      <div>
        <h1 className="text-2xl font-semibold">LLM Gateway</h1>
        <p className="text-sm text-muted-foreground">
          One endpoint for every model, with usage analytics.
        </p>
      </div>
      {methods.loading && !methods.data ? (
        <LoadingState label="Loading sign-in options…" />
      ) : (
        <>
          {methods.error && <ErrorState error={methods.error} onRetry={methods.refetch} />}
          {options.sso && <SsoCard label={options.sso} />}
          {options.anonymous && <AnonymousCard />}
          <PasswordCard register={options.register} invite={invite} />
        </>
      )}
    </div>
  );
}
