import { useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/states';
import { cn } from '@/lib/cn';
import { useAction } from '@/lib/useAction';
import { useAuth } from './AuthProvider';
import { CredentialsForm } from './components/CredentialsForm';

type Mode = 'login' | 'register';

export function SignInPage() {
  const auth = useAuth();
  // An invitation link (/sign-in?invite=…) opens account creation with its token.
  const invite = useSearchParams()[0].get('invite') ?? undefined;
  const [mode, setMode] = useState<Mode>(invite ? 'register' : 'login');
  const [join, joining] = useAction(auth.join);
  if (auth.status === 'signed-in') return <Navigate to="/gateways" replace />;

  return (
    <div className="mx-auto flex w-full max-w-md flex-col gap-4 px-4 py-10">
      <div>
        <h1 className="text-2xl font-semibold">LLM Gateway</h1>
        <p className="text-sm text-muted-foreground">
          One endpoint for every model, with usage analytics.
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Start without an account</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-3">
          <p className="text-sm text-muted-foreground">
            You get a random name and your id stays in this browser. Add an email and password later
            to keep your gateways.
          </p>
          {joining.error && <ErrorState error={joining.error} />}
          <Button
            data-testid="join-anonymous"
            onClick={() => void join()}
            disabled={joining.pending}
          >
            {joining.pending ? 'Joining…' : 'Continue anonymously'}
          </Button>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <div role="tablist" className="flex gap-1 rounded-md bg-muted p-1 text-sm">
            {(['login', 'register'] as const).map((m) => (
              <button
                key={m}
                role="tab"
                aria-selected={mode === m}
                data-testid={`auth-mode-${m}`}
                className={cn(
                  'cursor-pointer rounded px-3 py-1',
                  mode === m ? 'bg-card font-medium shadow-sm' : 'text-muted-foreground',
                )}
                onClick={() => setMode(m)}
              >
                {m === 'login' ? 'Log in' : 'Create account'}
              </button>
            ))}
          </div>
        </CardHeader>
        <CardContent>
          {mode === 'login' ? (
            <CredentialsForm
              key="login"
              testId="login-form"
              submitLabel="Log in"
              onSubmit={auth.login}
            />
          ) : (
            <CredentialsForm
              key="register"
              testId="register-form"
              submitLabel="Create account"
              onSubmit={(credentials) => auth.register({ ...credentials, invite_token: invite })}
              newPassword
            />
          )}
        </CardContent>
      </Card>
    </div>
  );
}
