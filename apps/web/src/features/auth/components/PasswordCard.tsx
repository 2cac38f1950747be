import { useState } from 'react';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { cn } from '@/lib/cn';
import { useAuth } from '../AuthProvider';
import { CredentialsForm } from './CredentialsForm';

type Mode = 'login' | 'register';

/**
 * Email and password: log in, and create an account where registration is open or with an
 * invitation (`invite`, from an invitation link).
 */
export function PasswordCard({ register, invite }: { register: boolean; invite?: string }) {
  const auth = useAuth();
  const [chosen, setMode] = useState<Mode>(invite ? 'register' : 'login');
  const mode = register || invite ? chosen : 'login';
  return (
    <Card>
      <CardHeader>
        {register || invite ? (
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
        ) : (
          <CardTitle>Log in with email and password</CardTitle>
        )}
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
  );
}
