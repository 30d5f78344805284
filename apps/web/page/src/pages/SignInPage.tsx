import { type FormEvent, useState } from 'react';
import { messageOf } from '../api/api-error';
import type { Challenge } from '../api/client';
import { startSignIn } from '../api/sign-in';
import { ChallengeForm } from '../components/ChallengeForm';
import { Field } from '../components/Field';
import { CardPage } from '../components/Layout';
import { Notice } from '../components/Notice';
import { Link, navigate } from '../lib/router';
import { useSession } from '../session/session';

export function SignInPage({ notice }: { notice?: string | null }) {
  const session = useSession();
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const finish = async (tokens: Parameters<typeof session.signedIn>[0]) => {
    await session.signedIn(tokens);
    navigate('/account', { replace: true });
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const step = await startSignIn(userName.trim(), password);
      if (step.kind === 'tokens') await finish(step.tokens);
      else setChallenge(step.challenge);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  if (challenge) {
    return (
      <CardPage title="Two-step verification">
        <ChallengeForm challenge={challenge} onTokens={(t) => void finish(t)} />
        <p className="muted">
          <button type="button" className="button button--link" onClick={() => setChallenge(null)}>
            Back to sign-in
          </button>
        </p>
      </CardPage>
    );
  }
  return (
    <CardPage title="Sign in">
      {(notice ?? session.signedOutReason) && (
        <Notice kind="info">{notice ?? session.signedOutReason}</Notice>
      )}
      {error && <Notice kind="error">{error}</Notice>}
      <form onSubmit={submit} noValidate>
        <Field
          label="User name"
          name="userName"
          autoComplete="username"
          autoFocus
          required
          value={userName}
          onChange={(e) => setUserName(e.target.value)}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button
          type="submit"
          className="button button--wide"
          disabled={busy || !userName || !password}
        >
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="muted">
        <Link to="/forgot-password">Forgot your password?</Link> ·{' '}
        <Link to="/setup">Create an organization</Link>
      </p>
    </CardPage>
  );
}
