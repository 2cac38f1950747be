import type { TeamRole } from '@gateway/contracts';
import { DomainError, ErrorCode } from '../../common/domain-errors';
import type { Refusal } from './team-rules';

/** A member whose role is too low for the action: 403 (a stranger gets 404 instead). */
export class InsufficientRoleError extends DomainError {
  constructor(message: string) {
    super(ErrorCode.Forbidden, message);
  }

  static needing(min: TeamRole, actual: TeamRole): InsufficientRoleError {
    return new InsufficientRoleError(
      `This needs the ${min} role${min === 'owner' ? '' : ' or higher'} in the team; yours is ${actual}`,
    );
  }
}

export class TeamConflictError extends DomainError {
  constructor(message: string) {
    super(ErrorCode.Conflict, message);
  }
}

export function refusalError(r: Refusal): DomainError {
  return r.kind === 'forbidden'
    ? new InsufficientRoleError(r.message)
    : new TeamConflictError(r.message);
}
