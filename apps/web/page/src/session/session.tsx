import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
} from 'react';
import { api, type TokenAnswer } from '../api/client';
import type { Account, Organization } from '../api/types';
import { ReauthDialog } from '../components/ReauthDialog';
import { SESSION_TIMEOUTS, timeoutMs } from '../lib/choices';
import { navigate } from '../lib/router';

interface SessionValue {
  readonly status: 'loading' | 'signed-out' | 'signed-in';
  readonly me: Account | null;
  readonly org: Organization | null;
  /** Why the person was sent to the sign-in page (idle timeout, session ended). */
  readonly signedOutReason: string | null;
  signedIn(tokens: TokenAnswer): Promise<void>;
  signOut(reason?: string): Promise<void>;
  reload(): Promise<void>;
  setMe(account: Account): void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionValue['status']>('loading');
  const [me, setMe] = useState<Account | null>(null);
  const [org, setOrg] = useState<Organization | null>(null);
  const [signedOutReason, setReason] = useState<string | null>(null);
  const [reauth, setReauth] = useState<{
    resolve: () => void;
    reject: (e: Error) => void;
  } | null>(null);
  const lastActivity = useRef(Date.now());

  const load = useCallback(async () => {
    const account = await api.get<Account>('/api/profile/accounts/me');
    setMe(account);
    setOrg(
      await api.get<Organization>(`/api/profile/organizations/${account.orgId}`).catch(() => null),
    );
    lastActivity.current = Date.now();
    setStatus('signed-in');
  }, []);

  const signOut = useCallback(async (reason?: string) => {
    await api.logout();
    setMe(null);
    setOrg(null);
    setReason(reason ?? null);
    setStatus('signed-out');
    navigate('/signin', { replace: true });
  }, []);

  useEffect(() => {
    api.onSignedOut = () => void signOut('Your session has ended. Sign in again.');
    api.setReauthHandler(
      () => new Promise<void>((resolve, reject) => setReauth({ resolve, reject })),
    );
    api
      .refresh()
      .then((ok) => (ok ? load().catch(() => setStatus('signed-out')) : setStatus('signed-out')));
    return () => api.setReauthHandler(null);
  }, [load, signOut]);

  // Idle timeout: after the chosen time without activity, the next click leads to sign-in.
  useEffect(() => {
    if (status !== 'signed-in') return;
    const limit = timeoutMs(me?.sessionTimeout);
    const onActivity = (event: Event) => {
      if (Date.now() - lastActivity.current > limit) {
        event.preventDefault();
        event.stopPropagation();
        const label =
          SESSION_TIMEOUTS.find((t) => t.value === me?.sessionTimeout)?.label ?? '30 minutes';
        void signOut(`You were signed out after ${label} without activity. Sign in again.`);
        return;
      }
      lastActivity.current = Date.now();
    };
    const onKey = () => (lastActivity.current = Date.now());
    document.addEventListener('click', onActivity, true);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('click', onActivity, true);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [status, me?.sessionTimeout, signOut]);

  const value: SessionValue = {
    status,
    me,
    org,
    signedOutReason,
    async signedIn(tokens) {
      api.acceptTokens(tokens);
      setReason(null);
      await load();
    },
    signOut,
    reload: load,
    setMe,
  };
  return (
    <SessionContext.Provider value={value}>
      {children}
      {reauth && me && (
        <ReauthDialog
          userName={me.userName}
          onDone={() => {
            reauth.resolve();
            setReauth(null);
          }}
          onCancel={() => {
            reauth.reject(new Error('Sign-in cancelled: the change was not made.'));
            setReauth(null);
          }}
        />
      )}
    </SessionContext.Provider>
  );
}
