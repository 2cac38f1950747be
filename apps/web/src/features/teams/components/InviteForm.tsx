import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input, Select } from '@/components/ui/input';
import { ErrorState } from '@/components/ui/states';
import { useAction } from '@/lib/useAction';
import type { TeamRole } from '@gateway/contracts';
import { teamApi } from '../api';

/** Adds an existing account to the team by its email, with a role the caller may hand out. */
export function InviteForm({
  teamId,
  roles,
  onAdded,
}: {
  teamId: string;
  roles: TeamRole[];
  onAdded: () => void;
}) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<TeamRole>('member');
  const [add, adding] = useAction(teamApi.addMember);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await add(teamId, email.trim(), role)) {
      setEmail('');
      onAdded();
    }
  };
  return (
    <form className="flex flex-col gap-2" onSubmit={(e) => void submit(e)}>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <Field label="Email" className="flex-1">
          <Input
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            placeholder="teammate@example.com"
            data-testid="invite-email"
          />
        </Field>
        <Field label="Role">
          <Select
            value={role}
            onChange={(e) => setRole(e.target.value as TeamRole)}
            data-testid="invite-role"
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </Select>
        </Field>
        <Button
          type="submit"
          className="shrink-0 whitespace-nowrap"
          disabled={adding.pending || !email.trim()}
          data-testid="invite-add"
        >
          {adding.pending ? 'Adding…' : 'Add member'}
        </Button>
      </div>
      <p className="text-xs text-muted-foreground">
        They need an account with this email first (anonymous accounts can be added through the API
        by user id).
      </p>
      {adding.error && <ErrorState error={adding.error} />}
    </form>
  );
}
