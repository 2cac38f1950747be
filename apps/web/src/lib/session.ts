/** Who the browser is signed in as: an anonymous user id or an account session token. */
export type Session = { kind: 'anonymous'; userId: string } | { kind: 'account'; token: string };

const STORAGE_KEY = 'gateway.session';

export function readSession(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Session>;
    if (parsed.kind === 'anonymous' && typeof parsed.userId === 'string') return parsed as Session;
    if (parsed.kind === 'account' && typeof parsed.token === 'string') return parsed as Session;
    return null;
  } catch {
    return null;
  }
}

export function writeSession(session: Session | null): void {
  if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else localStorage.removeItem(STORAGE_KEY);
}

/** Headers for the management API. */
export function sessionHeaders(session: Session | null): Record<string, string> {
  if (!session) return {};
  return session.kind === 'anonymous'
    ? { 'x-user-id': session.userId }
    : { authorization: `Bearer ${session.token}` };
}

/** EventSource cannot send headers, so the live stream takes the identity as a query parameter. */
export function sessionQuery(session: Session | null): Record<string, string> {
  if (!session) return {};
  return session.kind === 'anonymous' ? { user_id: session.userId } : { token: session.token };
}
