import { roleAtLeast, type TeamRole } from '@gateway/contracts';

/** Why a membership change is refused: `forbidden` (403) or `conflict` (409). */
export interface Refusal {
  kind: 'forbidden' | 'conflict';
  message: string;
}

export interface MemberChange {
  personal: boolean;
  actor: { userId: string; role: TeamRole };
  /** The member changed; absent when adding a new one. */
  target?: { userId: string; role: TeamRole };
  /** The target's role afterwards; `null` removes them. */
  next: TeamRole | null;
  /** Owners of the team before the change. */
  owners: number;
}

const PERSONAL: Refusal = {
  kind: 'conflict',
  message: 'A personal team has only its owner: create a team to share gateways',
};

/**
 * The rules every member change obeys, whoever asks: admins manage members but only owners grant,
 * change or remove the owner role; anyone may leave; a team never loses its last owner; a personal
 * team never gains a member.
 */
export function memberChangeRefusal(c: MemberChange): Refusal | undefined {
  if (c.personal) return PERSONAL;
  const self = c.target?.userId === c.actor.userId;
  const leaving = self && c.next === null;
  if (!leaving && !roleAtLeast(c.actor.role, 'admin'))
    return { kind: 'forbidden', message: 'Managing members needs the admin role' };
  const touchesOwner = c.next === 'owner' || c.target?.role === 'owner';
  if (touchesOwner && c.actor.role !== 'owner' && !leaving)
    return {
      kind: 'forbidden',
      message: 'Only an owner can grant, change or remove the owner role',
    };
  if (c.target?.role === 'owner' && c.next !== 'owner' && c.owners <= 1)
    return {
      kind: 'conflict',
      message: 'The team would have no owner left: transfer ownership first',
    };
  return undefined;
}

/** Transfer: the actor (an owner) hands the owner role to another member and stays on as admin. */
export function transferRefusal(c: {
  personal: boolean;
  actorId: string;
  targetId: string;
}): Refusal | undefined {
  if (c.personal) return { kind: 'conflict', message: 'A personal team cannot be transferred' };
  if (c.actorId === c.targetId) return { kind: 'conflict', message: 'You already own this team' };
  return undefined;
}
