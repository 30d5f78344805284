import { type JSX, useEffect } from 'react';
import { ActivatePage, ForgotPasswordPage } from './pages/ActivatePage';
import { ActivityPage } from './pages/ActivityPage';
import { AdminAccountsPage } from './pages/AdminAccountsPage';
import { ApiCredentialsPage } from './pages/ApiCredentialsPage';
import { CompanySettingsPage } from './pages/CompanySettingsPage';
import { ConfirmEmailPage } from './pages/ConfirmEmailPage';
import { DevicesPage } from './pages/DevicesPage';
import { MyAccountPage } from './pages/MyAccountPage';
import { PasswordPage } from './pages/PasswordPage';
import { SetupPage } from './pages/SetupPage';
import { SignInMethodPage } from './pages/SignInMethodPage';
import { SignInPage } from './pages/SignInPage';
import { navigate, useLocation } from './lib/router';
import { SessionProvider, useSession } from './session/session';

const SIGNED_IN_PAGES: Record<
  string,
  { title: string; page: () => JSX.Element | null; admin?: boolean }
> = {
  '/account': { title: 'My Account', page: MyAccountPage },
  '/account/sign-in-method': {
    title: 'Sign-in method',
    page: SignInMethodPage,
  },
  '/account/password': { title: 'Password', page: PasswordPage },
  '/account/devices': { title: 'Computers and sessions', page: DevicesPage },
  '/account/api-credentials': {
    title: 'API credentials',
    page: ApiCredentialsPage,
  },
  '/account/activity': { title: 'Activity', page: ActivityPage },
  '/admin/accounts': {
    title: 'Accounts',
    page: AdminAccountsPage,
    admin: true,
  },
  '/admin/company': {
    title: 'Company settings',
    page: CompanySettingsPage,
    admin: true,
  },
};

function Routes() {
  const { path, query } = useLocation();
  const { status, me } = useSession();
  const entry = SIGNED_IN_PAGES[path];
  useEffect(() => {
    document.title = entry ? `${entry.title} · Accounts` : 'Sign in · Accounts';
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [path, entry]);
  useEffect(() => {
    if (status === 'signed-out' && (entry || path === '/')) navigate('/signin', { replace: true });
    if (status === 'signed-in' && (path === '/' || path === '/signin'))
      navigate('/account', { replace: true });
  }, [status, path, entry]);

  if (path === '/activate') return <ActivatePage token={query.get('token')} mode="activate" />;
  if (path === '/reset-password') return <ActivatePage token={query.get('token')} mode="reset" />;
  if (path === '/forgot-password') return <ForgotPasswordPage />;
  if (path === '/setup') return <SetupPage />;
  if (status === 'loading') return <p className="loading">Loading…</p>;
  if (status === 'signed-out' || path === '/signin') return <SignInPage />;
  // After signing in (if needed) the link's page stays: confirming needs the person's session.
  if (path === '/confirm-email') return <ConfirmEmailPage token={query.get('token')} />;
  if (!entry || (entry.admin && me?.accountType !== 'administrator')) {
    return (
      <div className="card-page">
        <main className="card" id="main">
          <h1>Page not found</h1>
          <a href="/account">Back to My Account</a>
        </main>
      </div>
    );
  }
  const Page = entry.page;
  return <Page key={path} />;
}

export function App() {
  return (
    <SessionProvider>
      <Routes />
    </SessionProvider>
  );
}
