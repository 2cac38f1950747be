import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { canCall, type Team, type TeamMember } from '@gateway/contracts';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm';
import { Input, Select } from '@/components/ui/input';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { useAction } from '@/lib/useAction';
import { useQuery } from '@/lib/useQuery';
import { useAuth } from '../auth/AuthProvider';
import { teamApi, useTeamMembers } from './api';
import { InviteForm } from './components/InviteForm';
import { MemberRow } from './components/MemberRow';
import { RoleBadge } from './components/RoleBadge';
import { assignableRoles, memberActions } from './shape';
import { selectTeam, useTeamsVersion } from './team-store';

/** One team: its members and, by role, inviting, roles, renaming, transferring and deleting. */
export function TeamPage({ teamId }: { teamId: string }) {
  const version = useTeamsVersion();
  const team = useQuery(`team:${teamId}:${version}`, (signal) => teamApi.get(teamId, signal), {
    keepPreviousData: true,
  });
  const members = useTeamMembers(teamId);
  const { user } = useAuth();
  const navigate = useNavigate();
  const leave = () => {
    selectTeam('all');
    void navigate('/team');
  };

  if (team.error) return <ErrorState error={team.error} onRetry={team.refetch} />;
  if (!team.data || !user) return <LoadingState />;
  const t = team.data;
  const roles = assignableRoles(t.role);
  const owners = members.data?.filter((m) => m.role === 'owner').length ?? 0;

  return (
    <div className="flex flex-col gap-4" data-testid="team-page">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="truncate text-xl font-semibold" data-testid="team-title">
          {t.name}
        </h1>
        {t.personal && <Badge>personal</Badge>}
        <RoleBadge role={t.role} testId="team-role" />
      </div>
      {t.personal && (
        <p className="text-sm text-muted-foreground">
          Your personal team holds the gateways you create without naming a team; only you belong to
          it. Create a team to share gateways.
        </p>
      )}

      <Card>
        <CardHeader>
          <CardTitle>Members</CardTitle>
        </CardHeader>
        {members.error && (
          <CardContent>
            <ErrorState error={members.error} onRetry={members.refetch} />
          </CardContent>
        )}
        {!members.data && !members.error && <LoadingState label="Loading members…" />}
        {members.data && (
          <ul className="divide-y divide-border" data-testid="member-list">
            {members.data.map((m: TeamMember) => (
              <MemberRow
                key={`${m.user_id}:${m.role}`}
                teamId={teamId}
                member={m}
                roles={roles}
                actions={memberActions({ userId: user.id, role: t.role }, m, {
                  personal: t.personal,
                  owners,
                })}
                onLeft={leave}
              />
            ))}
          </ul>
        )}
        {!t.personal && canCall(t.role, 'POST /teams/:id/members') && (
          <CardContent className="border-t border-border pt-4">
            <InviteForm teamId={teamId} roles={roles} onAdded={members.refetch} />
          </CardContent>
        )}
      </Card>

      {canCall(t.role, 'PATCH /teams/:id') && <RenameTeam team={t} />}
      {!t.personal && canCall(t.role, 'POST /teams/:id/transfer') && members.data && (
        <OwnerCard
          team={t}
          others={members.data.filter((m) => m.user_id !== user.id)}
          onDeleted={leave}
        />
      )}
    </div>
  );
}

function RenameTeam({ team }: { team: Team }) {
  const [name, setName] = useState(team.name);
  const [rename, renaming] = useAction(teamApi.rename);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void rename(team.id, name.trim());
  };
  return (
    <Card>
      <CardHeader>
        <CardTitle>Name</CardTitle>
      </CardHeader>
      <CardContent>
        <form className="flex flex-col gap-2 sm:flex-row" onSubmit={submit}>
          <Input
            aria-label="Team name"
            value={name}
            required
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
            data-testid="team-rename-input"
          />
          <Button
            type="submit"
            variant="secondary"
            disabled={renaming.pending || !name.trim() || name.trim() === team.name}
            data-testid="team-rename-save"
          >
            Rename
          </Button>
        </form>
        {renaming.error && <ErrorState className="mt-2" error={renaming.error} />}
      </CardContent>
    </Card>
  );
}

function OwnerCard({
  team,
  others,
  onDeleted,
}: {
  team: Team;
  others: TeamMember[];
  onDeleted: () => void;
}) {
  const [to, setTo] = useState('');
  const [transfer, transferring] = useAction(teamApi.transfer);
  const [remove, removing] = useAction(async () => {
    await teamApi.remove(team.id);
    onDeleted();
  });
  return (
    <Card className="border-danger/40">
      <CardHeader>
        <CardTitle>Ownership</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 text-sm">
        <div className="flex flex-col gap-2 sm:flex-row">
          <Select
            aria-label="New owner"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            data-testid="transfer-to"
          >
            <option value="">Transfer ownership to…</option>
            {others.map((m) => (
              <option key={m.user_id} value={m.user_id}>
                {m.username} ({m.email ?? m.role})
              </option>
            ))}
          </Select>
          <Button
            variant="secondary"
            className="shrink-0 whitespace-nowrap"
            disabled={!to || transferring.pending}
            onClick={() => void transfer(team.id, to)}
            data-testid="transfer-save"
          >
            Make owner
          </Button>
        </div>
        <p className="text-muted-foreground">
          The new owner can delete the team and its gateways; you stay on as an admin.
        </p>
        {transferring.error && <ErrorState error={transferring.error} />}
        <div className="flex flex-wrap items-center gap-2 border-t border-border pt-3">
          <span className="flex-1 text-muted-foreground">
            A team can be deleted once it owns no gateways.
          </span>
          <ConfirmButton
            label="Delete team"
            question={
              <>
                Delete <strong>{team.name}</strong> and its memberships?
              </>
            }
            pending={removing.pending}
            onConfirm={() => void remove()}
            testId="team-delete"
          />
        </div>
        {removing.error && <ErrorState error={removing.error} />}
      </CardContent>
    </Card>
  );
}
