import { type FormEvent, useState } from 'react';
import { ApiError, messageOf } from '../api/api-error';
import { api } from '../api/client';
import { Field } from '../components/Field';
import { Layout } from '../components/Layout';
import { Notice } from '../components/Notice';
import { PasswordFields } from '../components/PasswordFields';

export function PasswordPage() {
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [endOthers, setEndOthers] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{
    kind: 'success' | 'error';
    text: string;
  } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    setErrors({});
    setBusy(true);
    try {
      const answer = await api.put<{ endedSessions: number }>('/api/auth/me/password', {
        currentPassword: current,
        newPassword: password,
        repeatPassword: repeat,
        endOtherSessions: endOthers,
      });
      setCurrent('');
      setPassword('');
      setRepeat('');
      setNotice({
        kind: 'success',
        text: `Your password has been changed.${answer.endedSessions ? ` ${answer.endedSessions} other session(s) were signed out.` : ''}`,
      });
    } catch (e) {
      if (e instanceof ApiError && e.field) setErrors({ [e.field]: e.message });
      else setNotice({ kind: 'error', text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Layout title="Password">
      <form className="panel" onSubmit={submit} noValidate>
        {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
        <Field
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={errors['currentPassword']}
        />
        <PasswordFields
          password={password}
          repeat={repeat}
          onPassword={setPassword}
          onRepeat={setRepeat}
          error={errors['newPassword']}
          repeatError={errors['repeatPassword']}
        />
        <label className="checkbox">
          <input
            type="checkbox"
            name="endOtherSessions"
            checked={endOthers}
            onChange={(e) => setEndOthers(e.target.checked)}
          />
          Sign out my other sessions
        </label>
        <div className="actions">
          <button
            type="submit"
            className="button"
            disabled={busy || !current || !password || !repeat}
          >
            Save Changes
          </button>
        </div>
      </form>
    </Layout>
  );
}
