import { describe, expect, it } from 'vitest';
import type { Gateway, Team, TeamMember } from '@gateway/contracts';
import { assignableRoles, gatewaysByTeam, memberActions, visibleGatewayTabs } from './shape';

const member = (user_id: string, role: TeamMember['role']): TeamMember => ({
  user_id,
  username: user_id,
  email: null,
  role,
  joined_at: '2026-01-01T00:00:00Z',
});
const team = (id: string, role: Team['role'], personal = false): Team => ({
  id,
  name: id,
  personal,
  role,
  created_at: '2026-01-01T00:00:00Z',
});
const gateway = (id: string, team_id: string, role: Gateway['role']): Gateway => ({
  id,
  name: id,
  created_at: '2026-01-01T00:00:00Z',
  team_id,
  role,
});

describe('team shaping', () => {
  it('lets admins hand out roles up to admin and owners every role', () => {
    expect(assignableRoles('owner')).toEqual(['viewer', 'member', 'admin', 'owner']);
    expect(assignableRoles('admin')).toEqual(['viewer', 'member', 'admin']);
    expect(assignableRoles('member')).toEqual([]);
  });

  it('offers on each member row what the API allows', () => {
    const shared = { personal: false, owners: 1 };
    const admin = { userId: 'a', role: 'admin' as const };
    expect(memberActions(admin, member('v', 'viewer'), shared)).toEqual({
      self: false,
      changeRole: true,
      remove: true,
    });
    expect(memberActions(admin, member('o', 'owner'), shared)).toEqual({
      self: false,
      changeRole: false,
      remove: false,
    });
    expect(memberActions({ userId: 'v', role: 'viewer' }, member('v', 'viewer'), shared)).toEqual({
      self: true,
      changeRole: false,
      remove: true,
    });
    expect(memberActions({ userId: 'o', role: 'owner' }, member('o', 'owner'), shared)).toEqual({
      self: true,
      changeRole: false,
      remove: false,
    });
    expect(
      memberActions({ userId: 'o', role: 'owner' }, member('o', 'owner'), {
        personal: false,
        owners: 2,
      }),
    ).toEqual({ self: true, changeRole: true, remove: true });
    expect(
      memberActions({ userId: 'o', role: 'owner' }, member('o', 'owner'), {
        personal: true,
        owners: 1,
      }),
    ).toEqual({ self: true, changeRole: false, remove: false });
  });

  it('groups gateways by team, personal first, and filters to the selected team', () => {
    const teams = [team('me', 'owner', true), team('acme', 'viewer'), team('empty', 'admin')];
    const gateways = [gateway('g1', 'acme', 'viewer'), gateway('g2', 'me', 'owner')];
    expect(
      gatewaysByTeam(gateways, teams, 'all').map((g) => [g.team.id, g.gateways.map((x) => x.id)]),
    ).toEqual([
      ['me', ['g2']],
      ['acme', ['g1']],
    ]);
    expect(gatewaysByTeam(gateways, teams, 'empty')).toEqual([
      { team: teams[2], role: 'admin', gateways: [] },
    ]);
  });

  it('shows a viewer analytics and logs only', () => {
    expect(visibleGatewayTabs('viewer')).toEqual({
      overview: true,
      analytics: true,
      logs: true,
      playground: false,
      providers: false,
      keys: false,
      mcp: false,
      settings: false,
      audit: false,
    });
    // The gateway's audit log is for the admins of its team.
    expect(visibleGatewayTabs('member')).toMatchObject({ settings: true, audit: false });
    expect(Object.values(visibleGatewayTabs('admin')).every(Boolean)).toBe(true);
  });
});
