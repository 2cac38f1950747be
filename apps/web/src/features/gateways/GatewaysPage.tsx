import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Input, Select } from '@/components/ui/input';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import { useAction } from '@/lib/useAction';
import { useTeams, type Team } from '../teams/api';
import { RoleBadge } from '../teams/components/RoleBadge';
import { gatewaysByTeam, teamsForNewGateways, type TeamGroup } from '../teams/shape';
import { selectTeam, useSelectedTeam } from '../teams/team-store';
import { gatewayApi, useGateways } from './api';

export function GatewaysPage() {
  const gateways = useGateways();
  const teams = useTeams();
  const selected = useSelectedTeam();
  const error = gateways.error ?? teams.error;
  const filter = teams.data?.some((t) => t.id === selected) ? selected : 'all';
  const groups =
    gateways.data && teams.data ? gatewaysByTeam(gateways.data, teams.data, filter) : undefined;

  return (
    <div className="flex flex-col gap-4" data-testid="gateways-page">
      <h1 className="text-xl font-semibold">Gateways</h1>
      {teams.data && <NewGateway teams={teams.data} selected={filter} />}
      {filter !== 'all' && groups && (
        <p className="text-sm text-muted-foreground">
          Showing one team.{' '}
          <button
            className="cursor-pointer underline"
            onClick={() => selectTeam('all')}
            data-testid="show-all-teams"
          >
            Show all teams
          </button>
        </p>
      )}
      {error ? (
        <ErrorState
          error={error}
          onRetry={() => {
            gateways.refetch();
            teams.refetch();
          }}
        />
      ) : !groups ? (
        <Card>
          <LoadingState label="Loading gateways…" />
        </Card>
      ) : groups.length === 0 ? (
        <Card>
          <EmptyState title="No gateways yet">
            Create one above to get an endpoint and a secret.
          </EmptyState>
        </Card>
      ) : (
        groups.map((group) => <TeamGateways key={group.team.id} group={group} />)
      )}
    </div>
  );
}

function NewGateway({ teams, selected }: { teams: Team[]; selected: string }) {
  const navigate = useNavigate();
  const creatable = teamsForNewGateways(teams);
  const [name, setName] = useState('');
  const [teamId, setTeamId] = useState<string>();
  const target =
    teamId ?? creatable.find((t) => t.id === selected)?.id ?? creatable.find((t) => t.personal)?.id;
  const [create, creating] = useAction(gatewayApi.create);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await create(name.trim(), target);
    if (created) await navigate(`/gateways/${created.gateway_id}/settings`);
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>New gateway</CardTitle>
      </CardHeader>
      <CardContent>
        <form className="flex flex-col gap-2 sm:flex-row" onSubmit={(e) => void submit(e)}>
          <Input
            aria-label="Gateway name"
            data-testid="gateway-name-input"
            placeholder="e.g. production"
            required
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          {creatable.length > 1 && (
            <Select
              aria-label="Team of the new gateway"
              className="sm:w-48"
              value={target}
              onChange={(e) => setTeamId(e.target.value)}
              data-testid="gateway-team-select"
            >
              {creatable.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.personal ? 'Personal' : t.name}
                </option>
              ))}
            </Select>
          )}
          <Button
            type="submit"
            className="shrink-0 whitespace-nowrap"
            data-testid="gateway-create"
            disabled={creating.pending || !name.trim()}
          >
            {creating.pending ? 'Creating…' : 'Create gateway'}
          </Button>
        </form>
        {creating.error && <ErrorState className="mt-3" error={creating.error} />}
      </CardContent>
    </Card>
  );
}

function TeamGateways({ group }: { group: TeamGroup }) {
  return (
    <Card data-testid="team-group" data-team-id={group.team.id}>
      <CardHeader>
        <CardTitle className="flex min-w-0 items-center gap-2">
          <span className="truncate" data-testid="team-group-name">
            {group.team.personal ? 'Personal' : group.team.name}
          </span>
          <RoleBadge role={group.role} />
        </CardTitle>
        {!group.team.personal && (
          <Link
            to={`/team/${group.team.id}`}
            className="text-sm text-muted-foreground hover:text-foreground"
          >
            Members
          </Link>
        )}
      </CardHeader>
      {group.gateways.length === 0 ? (
        <EmptyState title="No gateways in this team yet" />
      ) : (
        <ul className="divide-y divide-border" data-testid="gateway-list">
          {group.gateways.map((gateway) => (
            <li key={gateway.id}>
              <Link
                to={`/gateways/${gateway.id}`}
                className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 hover:bg-muted"
                data-testid="gateway-link"
              >
                <span className="font-medium">{gateway.name}</span>
                <span className="flex items-center gap-2 text-xs text-muted-foreground">
                  {gateway.role === 'viewer' && <Badge tone="warning">read-only</Badge>}
                  created {new Date(gateway.created_at).toLocaleDateString()}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
