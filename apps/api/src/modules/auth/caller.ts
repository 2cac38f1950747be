import type { AuthenticatedUser } from './auth.service';

/** Who calls the management API, as role checks see it: a user, possibly an operator. */
export interface Caller {
  userId: string;
  /** Operators pass every team and gateway role check. */
  isAdmin: boolean;
}

export function callerOf(user: AuthenticatedUser): Caller {
  return { userId: user.id, isAdmin: user.isAdmin };
}
