import { useLocation, useNavigate } from 'react-router';
import { Select } from '@/components/ui/input';
import { useTeams } from '../api';
import { selectTeam, useSelectedTeam } from '../team-store';

/** The header's team picker: which team's gateways the Gateways page shows (from 640 px up). */
export function TeamSwitcher() {
  const teams = useTeams();
  const selected = useSelectedTeam();
  const navigate = useNavigate();
  const location = useLocation();
  if (!teams.data) return null;
  const value = teams.data.some((t) => t.id === selected) ? selected : 'all';
  return (
    <Select
      aria-label="Team"
      className="hidden w-48 sm:block"
      value={value}
      data-testid="team-switcher"
      onChange={(e) => {
        selectTeam(e.target.value);
        if (location.pathname !== '/gateways') void navigate('/gateways');
      }}
    >
      <option value="all">All teams</option>
      {teams.data.map((t) => (
        <option key={t.id} value={t.id}>
          {t.personal ? 'Personal' : t.name}
        </option>
      ))}
    </Select>
  );
}
