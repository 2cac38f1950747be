import { useState, type FormEvent } from 'react';
import type { AdminUser, UserRole } from '@gateway/contracts';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input, Select } from '@/components/ui/input';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import { useAction } from '@/lib/useAction';
import { adminApi, useAdminUsers } from '../api';

/** Every account: create one, disable or enable it, change its role, grant the environment's keys. */
export function UsersCard({ envProviders }: { envProviders?: string }) {
  const [search, setSearch] = useState('');
  const users = useAdminUsers(search.trim());
  const [change, changing] = useAction(async (fn: () => Promise<unknown>) => {
    await fn();
    users.refetch();
  });
  return (
    <Card data-testid="admin-users">
      <CardHeader>
        <CardTitle>Users</CardTitle>
        <Input
          className="w-64"
          type="search"
          placeholder="Search email or name"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          data-testid="user-search"
        />
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <CreateUserForm onCreated={users.refetch} />
        {changing.error && <ErrorState error={changing.error} />}
        {users.error && <ErrorState error={users.error} onRetry={users.refetch} />}
        {!users.data && !users.error && <LoadingState label="Loading users…" />}
        {users.data?.length === 0 && <EmptyState title="No users yet" />}
        {users.data && users.data.length > 0 && (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <thead className="text-left text-xs text-muted-foreground">
                <tr>
                  <th className="py-1 pr-3">User</th>
                  <th className="py-1 pr-3">Role</th>
                  <th className="py-1 pr-3">Status</th>
                  <th className="py-1 pr-3">Environment keys</th>
                  <th className="py-1" />
                </tr>
              </thead>
              <tbody>
                {users.data.map((u) => (
                  <UserRow
                    key={u.id}
                    user={u}
                    grantMatters={envProviders === 'granted'}
                    pending={changing.pending}
                    onChange={(fn) => void change(fn)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </CardContent>
    </Card>
  );
}

function UserRow({
  user,
  grantMatters,
  pending,
  onChange,
}: {
  user: AdminUser;
  grantMatters: boolean;
  pending: boolean;
  onChange: (fn: () => Promise<unknown>) => void;
}) {
  const disabled = user.disabled_at !== null;
  return (
    <tr className="border-t border-border" data-testid={`admin-user-${user.email ?? user.id}`}>
      <td className="py-1.5 pr-3">
        <div className="font-medium">{user.email ?? user.username}</div>
        <code className="text-xs text-muted-foreground">{user.id}</code>
      </td>
      <td className="py-1.5 pr-3">
        {user.operator ? <Badge>operator</Badge> : <Badge>{user.role}</Badge>}
      </td>
      <td className="py-1.5 pr-3">
        <Badge tone={disabled ? 'danger' : 'success'} data-testid="user-status">
          {disabled ? 'disabled' : 'active'}
        </Badge>
      </td>
      <td className="py-1.5 pr-3">
        {user.role === 'admin' ? (
          <span className="text-xs text-muted-foreground">always (admin)</span>
        ) : (
          <Badge tone={user.env_granted ? 'success' : 'neutral'} data-testid="user-grant">
            {user.env_granted ? 'granted' : grantMatters ? 'not granted' : 'not needed'}
          </Badge>
        )}
      </td>
      <td className="py-1.5 text-right whitespace-nowrap">
        {!user.operator && (
          <>
            {user.role !== 'admin' && (
              <Button
                size="sm"
                variant="ghost"
                disabled={pending}
                data-testid="user-grant-toggle"
                onClick={() => onChange(() => adminApi.setEnvGrant(user.id, !user.env_granted))}
              >
                {user.env_granted ? 'Revoke keys' : 'Grant keys'}
              </Button>
            )}
            <Button
              size="sm"
              variant="ghost"
              disabled={pending}
              data-testid="user-disable-toggle"
              className={disabled ? undefined : 'text-danger'}
              onClick={() => onChange(() => adminApi.updateUser(user.id, { disabled: !disabled }))}
            >
              {disabled ? 'Enable' : 'Disable'}
            </Button>
          </>
        )}
      </td>
    </tr>
  );
}

function CreateUserForm({ onCreated }: { onCreated: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<UserRole>('user');
  const [create, creating] = useAction(async () => {
    await adminApi.createUser({ email, password, role });
    setEmail('');
    setPassword('');
    onCreated();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create();
  };
  return (
    <form className="flex flex-wrap items-end gap-2" onSubmit={submit} data-testid="user-create">
      <Field label="Email" className="w-56">
        <Input
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          data-testid="user-email"
        />
      </Field>
      <Field label="Password" className="w-48">
        <Input
          type="password"
          required
          minLength={8}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="user-password"
        />
      </Field>
      <Field label="Role" className="w-28">
        <Select
          value={role}
          onChange={(e) => setRole(e.target.value as UserRole)}
          data-testid="user-role"
        >
          <option value="user">user</option>
          <option value="admin">admin</option>
        </Select>
      </Field>
      <Button type="submit" size="sm" disabled={creating.pending} data-testid="user-create-submit">
        Create user
      </Button>
      {creating.error && (
        <span role="alert" className="w-full text-sm text-danger">
          {creating.error.message}
        </span>
      )}
    </form>
  );
}
