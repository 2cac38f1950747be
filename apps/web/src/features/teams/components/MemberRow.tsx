import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm';
import { Select } from '@/components/ui/input';
import { ErrorState } from '@/components/ui/states';
import { useAction } from '@/lib/useAction';
import type { TeamMember, TeamRole } from '@gateway/contracts';
import { teamApi } from '../api';
import type { MemberActions } from '../shape';
import { RoleBadge } from './RoleBadge';

interface Props {
  teamId: string;
  member: TeamMember;
  actions: MemberActions;
  roles: TeamRole[];
  onLeft: () => void;
}

export function MemberRow({ teamId, member, actions, roles, onLeft }: Props) {
  const [changeRole, changing] = useAction((role: TeamRole) =>
    teamApi.changeRole(teamId, member.user_id, role),
  );
  const [remove, removing] = useAction(async () => {
    await teamApi.removeMember(teamId, member.user_id);
    if (actions.self) onLeft();
  });
  const error = changing.error ?? removing.error;
  return (
    <li
      className="flex flex-col gap-2 px-4 py-3"
      data-testid="member-row"
      data-email={member.email ?? ''}
    >
      <div className="flex flex-wrap items-center gap-2">
        <div className="flex min-w-0 flex-1 flex-col">
          <span className="truncate font-medium" data-testid="member-name">
            {member.username}
            {actions.self && <span className="text-muted-foreground"> (you)</span>}
          </span>
          <span className="truncate text-xs text-muted-foreground">
            {member.email ?? 'anonymous account'}
          </span>
        </div>
        {actions.changeRole ? (
          <Select
            aria-label={`Role of ${member.username}`}
            className="w-28"
            value={member.role}
            disabled={changing.pending}
            onChange={(e) => void changeRole(e.target.value as TeamRole)}
            data-testid="member-role-select"
          >
            {[...new Set([...roles, member.role])].map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </Select>
        ) : (
          <RoleBadge role={member.role} testId="member-role" />
        )}
        {actions.remove &&
          (actions.self ? (
            <Button
              size="sm"
              variant="ghost"
              className="text-danger"
              disabled={removing.pending}
              onClick={() => void remove()}
              data-testid="team-leave"
            >
              Leave
            </Button>
          ) : (
            <ConfirmButton
              label="Remove"
              question={
                <>
                  Remove <strong>{member.username}</strong> from the team?
                </>
              }
              pending={removing.pending}
              onConfirm={() => void remove()}
              testId="member-remove"
            />
          ))}
      </div>
      {error && <ErrorState error={error} />}
    </li>
  );
}
