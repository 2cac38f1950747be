import { useParams } from 'react-router';
import { TeamPage } from '@/features/teams/TeamPage';

export function TeamRoute() {
  const { teamId = '' } = useParams();
  return <TeamPage key={teamId} teamId={teamId} />;
}
