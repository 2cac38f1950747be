import { useState, type FormEvent } from 'react';
import type { CreatedInvite, UserRole } from '@gateway/contracts';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input, Select } from '@/components/ui/input';
import { ErrorState } from '@/components/ui/states';
import { useAction } from '@/lib/useAction';
import { CopyButton } from '../../settings/components/CopyButton';
import { adminApi, useInvites } from '../api';

/** The dashboard's sign-in page opens account creation with the token. */
function inviteLink(token: string): string {
  return `${window.location.origin}/sign-in?invite=${encodeURIComponent(token)}`;
}

/** Invitations for SIGNUP_MODE=invite: the token is shown once, right after it is made. */
export function InvitesCard() {
  const invites = useInvites();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<UserRole>('user');
  const [hours, setHours] = useState('72');
  const [created, setCreated] = useState<CreatedInvite>();
  const [create, creating] = useAction(async () => {
    setCreated(
      await adminApi.createInvite({
        email: email.trim() || undefined,
        role,
        expires_in_hours: Number(hours),
      }),
    );
    invites.refetch();
  });
  const [revoke, revoking] = useAction(async (id: string) => {
    await adminApi.revokeInvite(id);
    invites.refetch();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create();
  };
  return (
    <Card data-testid="admin-invites">
      <CardHeader>
        <CardTitle>Invitations</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <form className="flex flex-wrap items-end gap-2" onSubmit={submit}>
          <Field label="Only for (optional)" className="w-56">
            <Input
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              data-testid="invite-email"
            />
          </Field>
          <Field label="Role" className="w-28">
            <Select value={role} onChange={(e) => setRole(e.target.value as UserRole)}>
              <option value="user">user</option>
              <option value="admin">admin</option>
            </Select>
          </Field>
          <Field label="Valid for (hours)" className="w-32">
            <Input
              type="number"
              min={1}
              max={2160}
              value={hours}
              onChange={(e) => setHours(e.target.value)}
            />
          </Field>
          <Button type="submit" size="sm" disabled={creating.pending} data-testid="invite-create">
            Create invitation
          </Button>
        </form>
        {creating.error && <ErrorState error={creating.error} />}
        {revoking.error && <ErrorState error={revoking.error} />}
        {created && (
          <div className="flex flex-col gap-1 rounded-md border border-warning/40 bg-warning/10 p-3 text-sm">
            <span>
              Send this token to the invitee; it is shown only now and works once, until{' '}
              {new Date(created.expires_at).toLocaleString()}.
            </span>
            <div className="flex items-center gap-2">
              <code className="break-all" data-testid="invite-token">
                {created.token}
              </code>
              <CopyButton text={created.token} testId="invite-token-copy" />
            </div>
            <div className="flex items-center gap-2">
              <span className="text-xs text-muted-foreground">Or send the link:</span>
              <code className="text-xs break-all" data-testid="invite-link">
                {inviteLink(created.token)}
              </code>
              <CopyButton text={inviteLink(created.token)} label="Copy link" />
            </div>
          </div>
        )}
        {invites.error && <ErrorState error={invites.error} onRetry={invites.refetch} />}
        {invites.data && invites.data.length > 0 && (
          <ul className="flex flex-col gap-1 text-sm" data-testid="invite-list">
            {invites.data.map((i) => (
              <li key={i.id} className="flex items-center justify-between gap-2">
                <span>
                  {i.email ?? 'anyone'} · {i.role} · until {new Date(i.expires_at).toLocaleString()}
                </span>
                <Button
                  size="sm"
                  variant="ghost"
                  className="text-danger"
                  onClick={() => void revoke(i.id)}
                >
                  Revoke
                </Button>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
