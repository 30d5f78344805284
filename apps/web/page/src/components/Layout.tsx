import type { ReactNode } from 'react';
import { Link, useLocation } from '../lib/router';
import { useSession } from '../session/session';

const PERSONAL = [
  { to: '/account', label: 'My Account' },
  { to: '/account/sign-in-method', label: 'Sign-in method' },
  { to: '/account/password', label: 'Password' },
  { to: '/account/devices', label: 'Computers and sessions' },
  { to: '/account/api-credentials', label: 'API credentials' },
  { to: '/account/activity', label: 'Activity' },
];
const ADMIN = [
  { to: '/admin/accounts', label: 'Accounts' },
  { to: '/admin/company', label: 'Company settings' },
];

/** The signed-in frame: a side navigation on a desktop, a wrapping bar on a phone. */
export function Layout({ title, children }: { title: string; children: ReactNode }) {
  const { me, org, signOut } = useSession();
  const { path } = useLocation();
  const item = (link: { to: string; label: string }) => (
    <li key={link.to}>
      <Link to={link.to} aria-current={path === link.to ? 'page' : undefined}>
        {link.label}
      </Link>
    </li>
  );
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">
          <img src="/favicon.svg" alt="" width="24" height="24" /> {org?.name ?? 'Accounts'}
        </span>
        <span className="topbar__user">
          <span className="topbar__name">
            {me ? `${me.firstName} ${me.lastName}`.trim() || me.userName : ''}
          </span>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => void signOut()}
          >
            Sign out
          </button>
        </span>
      </header>
      <div className="frame">
        <nav className="sidenav" aria-label="Settings">
          <ul>{PERSONAL.map(item)}</ul>
          {me?.accountType === 'administrator' && (
            <>
              <h2 className="sidenav__heading">Administration</h2>
              <ul>{ADMIN.map(item)}</ul>
            </>
          )}
        </nav>
        <main id="main" tabIndex={-1}>
          <h1>{title}</h1>
          {children}
        </main>
      </div>
    </div>
  );
}

/** The frame of the pages before sign-in: one card in the middle. */
export function CardPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="card-page">
      <main className="card" id="main">
        <div className="brand brand--center">
          <img src="/favicon.svg" alt="" width="32" height="32" /> Accounts
        </div>
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}
