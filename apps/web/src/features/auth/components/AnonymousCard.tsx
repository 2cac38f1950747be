import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/states';
import { useAction } from '@/lib/useAction';
import { useAuth } from '../AuthProvider';

/** `POST /auth/join`: offered only when the gateway runs in open sign-up mode. */
export function AnonymousCard() {
  const auth = useAuth();
  const [join, joining] = useAction(auth.join);
  return (
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
        <Button data-testid="join-anonymous" onClick={() => void join()} disabled={joining.pending}>
          {joining.pending ? 'Joining…' : 'Continue anonymously'}
        </Button>
      </CardContent>
    </Card>
  );
}
