import { useState } from 'react';
import { ApiError, messageOf } from '../api/api-error';
import { api } from '../api/client';
import type { Account } from '../api/types';
import { CardPage } from '../components/Layout';
import { Notice } from '../components/Notice';
import { Link } from '../lib/router';
import { useSession } from '../session/session';

/**
 * The link of the email-change message (`/confirm-email?token=…`), opened while signed in. The person
 * confirms with a button rather than on page load: a link works once, and a prefetch must not use it.
 */
export function ConfirmEmailPage({ token }: { token: string | null }) {
  const { me, setMe } = useSession();
  const [state, setState] = useState<{
    kind: 'idle' | 'busy' | 'done' | 'error';
    text?: string;
  }>({ kind: 'idle' });

  async function confirm() {
    setState({ kind: 'busy' });
    try {
      const account = await api.post<Account>('/api/profile/accounts/me/email/confirm', { token });
      setMe(account);
      setState({
        kind: 'done',
        text: `Your email address is now ${account.email}. Sign-in codes and notices go there from now on.`,
      });
    } catch (e) {
      // 410: used, cancelled or expired; 400: not the latest link. The server's message says which.
      const retryable = !(e instanceof ApiError) || e.status >= 500;
      setState({
        kind: 'error',
        text: retryable ? `Not confirmed: ${messageOf(e)}` : messageOf(e),
      });
    }
  }

  return (
    <CardPage title="Confirm your new email address">
      {!token ? (
        <Notice kind="error">
          This link has no token: open the link from the email again, in full.
        </Notice>
      ) : state.kind === 'done' ? (
        <Notice kind="success">{state.text}</Notice>
      ) : (
        <>
          {state.kind === 'error' && <Notice kind="error">{state.text}</Notice>}
          <p>
            {me?.pendingEmail
              ? `Make ${me.pendingEmail.email} the email address of your account ${me.userName}?`
              : `Make the new address the email address of your account${me ? ` ${me.userName}` : ''}?`}
          </p>
          <div className="actions">
            <button
              type="button"
              className="button"
              disabled={state.kind === 'busy'}
              onClick={() => void confirm()}
            >
              {state.kind === 'busy' ? 'Confirming…' : 'Confirm my new email address'}
            </button>
          </div>
        </>
      )}
      <p>
        <Link to="/account">Back to My Account</Link>
      </p>
    </CardPage>
  );
}
