import { buttonVariants } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { SSO_LOGIN_PATH } from '../api';

/** Single sign-on: a plain link, since the identity provider takes over the whole page. */
export function SsoCard({ label }: { label: string }) {
  return (
    <Card>
      <CardContent className="flex flex-col gap-2">
        <a href={SSO_LOGIN_PATH} className={buttonVariants()} data-testid="sso-sign-in">
          {label}
        </a>
        <p className="text-center text-xs text-muted-foreground">
          With your organisation’s account.
        </p>
      </CardContent>
    </Card>
  );
}
