import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { ApiError } from '@/lib/api-client';
import { readSession, writeSession, type Session } from '@/lib/session';
import { authApi, type AccountSession, type Credentials, type User } from './api';

export type AuthStatus = 'loading' | 'signed-out' | 'signed-in' | 'error';

interface AuthContextValue {
  status: AuthStatus;
  session: Session | null;
  user: User | null;
  error: Error | null;
  join: () => Promise<void>;
  login: (credentials: Credentials) => Promise<void>;
  /** With an invitation token on servers with SIGNUP_MODE=invite. */
  register: (credentials: Credentials & { invite_token?: string }) => Promise<void>;
  upgrade: (credentials: Credentials) => Promise<void>;
  /** Finishes a single sign-on: the callback left the session for this browser. */
  completeSso: () => Promise<void>;
  logout: () => Promise<void>;
  retry: () => void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(readSession);
  const [user, setUser] = useState<User | null>(null);
  const [status, setStatus] = useState<AuthStatus>(session ? 'loading' : 'signed-out');
  const [error, setError] = useState<Error | null>(null);
  const [attempt, setAttempt] = useState(0);

  const signIn = useCallback((next: Session, nextUser: User) => {
    writeSession(next);
    setSession(next);
    setUser(nextUser);
    setError(null);
    setStatus('signed-in');
  }, []);

  const signOutLocally = useCallback(() => {
    writeSession(null);
    setSession(null);
    setUser(null);
    setStatus('signed-out');
  }, []);

  // Confirm a stored session with /auth/me; a session the server no longer knows signs out.
  useEffect(() => {
    if (!session || user) return;
    const controller = new AbortController();
    authApi.me(controller.signal).then(
      (me) => {
        setUser(me);
        setStatus('signed-in');
      },
      (reason: unknown) => {
        if (controller.signal.aborted) return;
        if (reason instanceof ApiError && (reason.status === 401 || reason.status === 404)) {
          signOutLocally();
          return;
        }
        setError(reason instanceof Error ? reason : new Error(String(reason)));
        setStatus('error');
      },
    );
    return () => controller.abort();
  }, [session, user, attempt, signOutLocally]);

  const fromAccount = useCallback(
    (account: AccountSession) => signIn({ kind: 'account', token: account.token }, account.user),
    [signIn],
  );

  const value = useMemo<AuthContextValue>(
    () => ({
      status,
      session,
      user,
      error,
      join: async () => {
        const joined = await authApi.join();
        signIn({ kind: 'anonymous', userId: joined.id }, { ...joined, email: null, role: 'user' });
      },
      login: async (credentials) => fromAccount(await authApi.login(credentials)),
      register: async (credentials) => fromAccount(await authApi.register(credentials)),
      upgrade: async (credentials) => fromAccount(await authApi.upgrade(credentials)),
      completeSso: async () => fromAccount(await authApi.exchangeSso()),
      logout: async () => {
        try {
          if (session?.kind === 'account') await authApi.logout();
        } finally {
          signOutLocally();
        }
      },
      retry: () => {
        setStatus('loading');
        setAttempt((n) => n + 1);
      },
    }),
    [status, session, user, error, signIn, fromAccount, signOutLocally],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}
