import { isAdmin, type AuthenticatedUser } from './authenticator';

/** Who calls the management API, as role checks see it: a user, possibly an operator. */
export interface Caller {
  userId: string;
  /** Operators pass every team and gateway role check. */
  isAdmin: boolean;
}

export function callerOf(user: AuthenticatedUser): Caller {
  return { userId: user.id, isAdmin: isAdmin(user) };
}
