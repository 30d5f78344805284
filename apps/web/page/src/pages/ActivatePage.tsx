import { type FormEvent, useState } from 'react';
import { ApiError, messageOf } from '../api/api-error';
import { api } from '../api/client';
import { Field } from '../components/Field';
import { CardPage } from '../components/Layout';
import { Notice } from '../components/Notice';
import { PasswordFields } from '../components/PasswordFields';
import { Link } from '../lib/router';

/** The link of the activation email: choose the first password. Also serves the password-reset link. */
export function ActivatePage({
  token,
  mode,
}: {
  token: string | null;
  mode: 'activate' | 'reset';
}) {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const title = mode === 'activate' ? 'Activate your account' : 'Choose a new password';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setFieldError(null);
    if (password !== repeat) return setFieldError('The two passwords are not the same');
    setBusy(true);
    try {
      if (mode === 'activate')
        await api.post('/api/auth/activate', { token, password }, { auth: false });
      else
        await api.post(
          '/api/auth/password-reset/confirm',
          { token, newPassword: password, repeatPassword: repeat },
          { auth: false },
        );
      setDone(true);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && /password/i.test(e.field ?? e.message))
        setFieldError(e.message);
      else setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  if (!token) {
    return (
      <CardPage title={title}>
        <Notice kind="error">
          This link is incomplete. Open the link from your email again, or ask for a new one.
        </Notice>
      </CardPage>
    );
  }
  if (done) {
    return (
      <CardPage title={title}>
        <Notice kind="success">
          {mode === 'activate' ? 'Your account is active.' : 'Your password has been changed.'}
        </Notice>
        <Link className="button button--wide" to="/signin">
          Sign in
        </Link>
      </CardPage>
    );
  }
  return (
    <CardPage title={title}>
      {error && <Notice kind="error">{error}</Notice>}
      <form onSubmit={submit} noValidate>
        <PasswordFields
          password={password}
          repeat={repeat}
          onPassword={setPassword}
          onRepeat={setRepeat}
          error={fieldError}
        />
        <button type="submit" className="button button--wide" disabled={busy || !password}>
          {mode === 'activate' ? 'Activate' : 'Change password'}
        </button>
      </form>
    </CardPage>
  );
}

export function ForgotPasswordPage() {
  const [who, setWho] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const value = who.trim();
      await api.post(
        '/api/auth/password-reset',
        value.includes('@') ? { email: value } : { userName: value },
        { auth: false },
      );
      setSent(true);
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 404
          ? 'Password reset is not available on this server yet. Ask your administrator.'
          : messageOf(e),
      );
    }
  }
  return (
    <CardPage title="Forgot your password?">
      {sent ? (
        <Notice kind="success">
          If an account matches, we have sent it a link to choose a new password. The link works
          once, for 30 minutes.
        </Notice>
      ) : (
        <form onSubmit={submit} noValidate>
          <p>
            Enter your user name or email address. We will email you a link to choose a new
            password.
          </p>
          {error && <Notice kind="error">{error}</Notice>}
          <Field
            label="User name or email"
            name="userNameOrEmail"
            autoComplete="username"
            required
            value={who}
            onChange={(e) => setWho(e.target.value)}
          />
          <button type="submit" className="button button--wide" disabled={!who.trim()}>
            Send the link
          </button>
        </form>
      )}
      <p className="muted">
        <Link to="/signin">Back to sign-in</Link>
      </p>
    </CardPage>
  );
}
