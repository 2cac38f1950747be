import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Input, Label } from '@/components/ui/input';
import { ErrorState } from '@/components/ui/states';
import { useAction } from '@/lib/useAction';
import type { Credentials } from '../api';

interface Props {
  submitLabel: string;
  onSubmit: (credentials: Credentials) => Promise<void>;
  testId: string;
  newPassword?: boolean;
}

export function CredentialsForm({ submitLabel, onSubmit, testId, newPassword }: Props) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submit, { pending, error }] = useAction(onSubmit);
  const handle = (event: FormEvent) => {
    event.preventDefault();
    void submit({ email, password });
  };
  return (
    <form className="flex flex-col gap-3" onSubmit={handle} data-testid={testId}>
      <Label>
        Email
        <Input
          type="email"
          required
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          name="email"
        />
      </Label>
      <Label>
        Password
        <Input
          type="password"
          required
          minLength={newPassword ? 8 : undefined}
          autoComplete={newPassword ? 'new-password' : 'current-password'}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          name="password"
        />
      </Label>
      {error && <ErrorState error={error} />}
      <Button type="submit" disabled={pending}>
        {pending ? 'Please wait…' : submitLabel}
      </Button>
    </form>
  );
}
