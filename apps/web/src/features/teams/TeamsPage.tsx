import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { useAction } from '@/lib/useAction';
import { teamApi, useTeams } from './api';
import { RoleBadge } from './components/RoleBadge';
import { selectTeam } from './team-store';

/** The caller's teams with their role in each, and a form to start a new one. */
export function TeamsPage() {
  const teams = useTeams();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [create, creating] = useAction(teamApi.create);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const team = await create(name.trim());
    if (!team) return;
    selectTeam(team.id);
    await navigate(`/team/${team.id}`);
  };

  return (
    <div className="flex flex-col gap-4" data-testid="teams-page">
      <h1 className="text-xl font-semibold">Teams</h1>
      <Card>
        <CardHeader>
          <CardTitle>New team</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-2">
          <p className="text-sm text-muted-foreground">
            A team owns gateways and shares them with its members: viewers see analytics and logs,
            members use the gateway and manage its keys, admins manage providers, settings and
            members, owners can delete and transfer.
          </p>
          <form className="flex flex-col gap-2 sm:flex-row" onSubmit={(e) => void submit(e)}>
            <Input
              aria-label="Team name"
              placeholder="e.g. Platform"
              required
              maxLength={200}
              value={name}
              onChange={(e) => setName(e.target.value)}
              data-testid="team-name-input"
            />
            <Button
              type="submit"
              className="shrink-0 whitespace-nowrap"
              disabled={creating.pending || !name.trim()}
              data-testid="team-create"
            >
              {creating.pending ? 'Creating…' : 'Create team'}
            </Button>
          </form>
          {creating.error && <ErrorState error={creating.error} />}
        </CardContent>
      </Card>
      <Card>
        {teams.error ? (
          <CardContent>
            <ErrorState error={teams.error} onRetry={teams.refetch} />
          </CardContent>
        ) : !teams.data ? (
          <LoadingState label="Loading teams…" />
        ) : (
          <ul className="divide-y divide-border" data-testid="team-list">
            {teams.data.map((team) => (
              <li key={team.id}>
                <Link
                  to={`/team/${team.id}`}
                  className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 hover:bg-muted"
                  data-testid="team-link"
                >
                  <span className="flex min-w-0 items-center gap-2">
                    <span className="truncate font-medium">{team.name}</span>
                    {team.personal && <Badge>personal</Badge>}
                  </span>
                  <RoleBadge role={team.role} />
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
