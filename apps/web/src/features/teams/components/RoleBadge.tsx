import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { TeamRole } from '@gateway/contracts';

const TONE: Record<TeamRole, BadgeTone> = {
  owner: 'success',
  admin: 'success',
  member: 'neutral',
  viewer: 'warning',
};

export function RoleBadge({ role, testId = 'role-badge' }: { role: TeamRole; testId?: string }) {
  return (
    <Badge tone={TONE[role]} data-testid={testId} data-role={role}>
      {role}
    </Badge>
  );
}
