import { describe, expect, it } from 'vitest';
import { actorLabel, auditQuery, detailLines } from './shape';

describe('audit shape', () => {
  it('names the actor', () => {
    expect(actorLabel({ actor: { type: 'admin_key', id: 'x', label: 'ADMIN_API_KEY' } })).toBe(
      'admin key',
    );
    expect(actorLabel({ actor: { type: 'user', id: 'u1', label: 'a@b.c' } })).toBe('a@b.c');
    expect(actorLabel({ actor: { type: 'anonymous', id: null, label: null } })).toBe('anonymous');
  });

  it('shows changes as old → new and other details as they are', () => {
    expect(
      detailLines({
        old: { priority: 1, models: ['a'] },
        new: { priority: 5, models: ['a', 'b'] },
      }),
    ).toEqual(['priority: 1 → 5', 'models: ["a"] → ["a","b"]']);
    expect(detailLines({ new: { name: 'ci', key_hint: 'gw-…abcd' } })).toEqual([
      'name: ci',
      'key_hint: gw-…abcd',
    ]);
    expect(detailLines({ email: 'a@b.c', invite_id: null })).toEqual([
      'email: a@b.c',
      'invite_id: —',
    ]);
  });

  it('leaves empty filters out of the query', () => {
    expect(auditQuery({ action: ' ', actor: '' })).toEqual({
      action: undefined,
      actor: undefined,
      cursor: undefined,
      limit: 50,
    });
    expect(auditQuery({ action: 'key.*', actor: 'a@b.c' }, '42')).toMatchObject({
      action: 'key.*',
      actor: 'a@b.c',
      cursor: '42',
    });
  });
});
