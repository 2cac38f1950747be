import type { TeamRole } from '@gateway/contracts';
import { memberChangeRefusal, transferRefusal, type MemberChange } from './team-rules';

const change = (
  actor: TeamRole,
  target: TeamRole | undefined,
  next: TeamRole | null,
  opts: Partial<MemberChange> & { self?: boolean } = {},
): MemberChange => ({
  personal: false,
  owners: 1,
  actor: { userId: 'actor', role: actor },
  target: target ? { userId: opts.self ? 'actor' : 'target', role: target } : undefined,
  next,
  ...opts,
});

const verdict = (c: MemberChange) => memberChangeRefusal(c)?.kind ?? 'allowed';

describe('member change rules', () => {
  it('lets admins add, promote up to admin, demote and remove non-owners', () => {
    expect(verdict(change('admin', undefined, 'viewer'))).toBe('allowed');
    expect(verdict(change('admin', 'viewer', 'admin'))).toBe('allowed');
    expect(verdict(change('admin', 'admin', 'member'))).toBe('allowed');
    expect(verdict(change('admin', 'member', null))).toBe('allowed');
  });

  it('keeps the owner role in owners’ hands', () => {
    expect(verdict(change('admin', undefined, 'owner'))).toBe('forbidden');
    expect(verdict(change('admin', 'member', 'owner'))).toBe('forbidden');
    expect(verdict(change('admin', 'owner', 'admin', { owners: 2 }))).toBe('forbidden');
    expect(verdict(change('admin', 'owner', null, { owners: 2 }))).toBe('forbidden');
    expect(verdict(change('admin', 'admin', 'owner', { self: true }))).toBe('forbidden');
    expect(verdict(change('owner', 'member', 'owner'))).toBe('allowed');
    expect(verdict(change('owner', 'owner', 'admin', { owners: 2 }))).toBe('allowed');
  });

  it('refuses members and viewers any change but leaving', () => {
    expect(verdict(change('member', undefined, 'viewer'))).toBe('forbidden');
    expect(verdict(change('member', 'viewer', null))).toBe('forbidden');
    expect(verdict(change('viewer', 'viewer', 'member', { self: true }))).toBe('forbidden');
    expect(verdict(change('viewer', 'viewer', null, { self: true }))).toBe('allowed');
    expect(verdict(change('member', 'member', null, { self: true }))).toBe('allowed');
  });

  it('never leaves a team without an owner', () => {
    expect(verdict(change('owner', 'owner', null, { self: true }))).toBe('conflict');
    expect(verdict(change('owner', 'owner', 'admin', { self: true }))).toBe('conflict');
    expect(verdict(change('owner', 'owner', null, { self: true, owners: 2 }))).toBe('allowed');
  });

  it('keeps a personal team to its owner', () => {
    expect(verdict(change('owner', undefined, 'viewer', { personal: true }))).toBe('conflict');
    expect(transferRefusal({ personal: true, actorId: 'a', targetId: 'b' })?.kind).toBe('conflict');
    expect(transferRefusal({ personal: false, actorId: 'a', targetId: 'a' })?.kind).toBe(
      'conflict',
    );
    expect(transferRefusal({ personal: false, actorId: 'a', targetId: 'b' })).toBeUndefined();
  });
});
