import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/states';
import { useAction } from '@/lib/useAction';
import { useTheme } from '@/lib/useTheme';
import { useAuth } from './AuthProvider';
import { CredentialsForm } from './components/CredentialsForm';

export function ProfilePage() {
  const auth = useAuth();
  const { theme, toggle } = useTheme();
  const [logout, loggingOut] = useAction(auth.logout);
  const user = auth.user;
  if (!user) return null;
  const anonymous = !user.email;
  return (
    <div className="flex flex-col gap-4" data-testid="profile-page">
      <h1 className="text-xl font-semibold">Profile</h1>
      <Card>
        <CardContent className="grid gap-3 text-sm sm:grid-cols-[8rem_1fr]">
          <span className="text-muted-foreground">Name</span>
          <span data-testid="profile-username" className="font-medium">
            {user.username}
          </span>
          <span className="text-muted-foreground">Account</span>
          <span>
            {anonymous ? (
              <Badge tone="warning">Anonymous</Badge>
            ) : (
              <span data-testid="profile-email">{user.email}</span>
            )}
          </span>
          <span className="text-muted-foreground">User id</span>
          <code className="break-all text-xs">{user.id}</code>
          <span className="text-muted-foreground">Theme</span>
          <span>
            <Button size="sm" variant="secondary" onClick={toggle} data-testid="profile-theme">
              {theme === 'dark' ? 'Dark' : 'Light'} — switch
            </Button>
          </span>
        </CardContent>
      </Card>
      {anonymous && (
        <Card>
          <CardHeader>
            <CardTitle>Add email and password</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-3">
            <p className="text-sm text-muted-foreground">
              Your gateways stay with you, and you can sign in from any browser.
            </p>
            <CredentialsForm
              testId="upgrade-form"
              submitLabel="Save email and password"
              onSubmit={auth.upgrade}
              newPassword
            />
          </CardContent>
        </Card>
      )}
      {loggingOut.error && <ErrorState error={loggingOut.error} />}
      <div>
        <Button
          variant="secondary"
          onClick={() => void logout()}
          disabled={loggingOut.pending}
          data-testid="logout"
        >
          Log out
        </Button>
        {anonymous && (
          <p className="mt-2 text-xs text-muted-foreground">
            Anonymous users cannot sign back in after logging out unless they add an email first.
          </p>
        )}
      </div>
    </div>
  );
}
