import { useEffect, useRef, useState } from 'react';
import { Link, Navigate } from 'react-router';
import { buttonVariants } from '@/components/ui/button';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { useAuth } from './AuthProvider';

/**
 * `/sign-in/sso`, where the gateway's SSO callback sends the browser: the session waits in an
 * HttpOnly cookie and is read once with POST /auth/oidc/exchange (never a token in the URL).
 */
export function SsoCallbackPage() {
  const { completeSso } = useAuth();
  const [outcome, setOutcome] = useState<'pending' | 'done' | Error>('pending');
  const started = useRef(false);
  useEffect(() => {
    // Once: the hand-off is gone after the first read (StrictMode runs effects twice in development).
    if (started.current) return;
    started.current = true;
    completeSso().then(
      () => setOutcome('done'),
      (reason: unknown) => setOutcome(reason instanceof Error ? reason : new Error(String(reason))),
    );
  }, [completeSso]);

  if (outcome === 'done') return <Navigate to="/gateways" replace />;
  return (
    <div
      className="mx-auto flex w-full max-w-md flex-col gap-4 px-4 py-10"
      data-testid="sso-callback"
    >
      {outcome === 'pending' ? (
        <LoadingState label="Completing single sign-on…" />
      ) : (
        <>
          <ErrorState error={outcome} />
          <Link to="/sign-in" className={buttonVariants({ variant: 'secondary' })}>
            Back to sign-in
          </Link>
        </>
      )}
    </div>
  );
}
