import { type FormEvent, useState } from 'react';
import { ApiError, messageOf } from '../api/api-error';
import { api } from '../api/client';
import { Field } from '../components/Field';
import { CardPage } from '../components/Layout';
import { Notice } from '../components/Notice';
import { PersonFields } from '../components/PersonFields';
import { TimeZoneField } from '../components/TimeZoneField';
import { Link } from '../lib/router';

/** The first organization and its administrator (open while the server has none). */
export function SetupPage() {
  const [form, setForm] = useState({
    name: '',
    userName: '',
    firstName: '',
    lastName: '',
    email: '',
  });
  const [timeZone, setTimeZone] = useState(
    () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ link?: string } | null>(null);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    setError(null);
    try {
      const { name, ...administrator } = form;
      const answer = await api.post<{
        administrator: { activationLink?: string };
      }>(
        '/api/profile/organizations',
        { name, administrator: { ...administrator, timeZone } },
        { auth: false },
      );
      setCreated({ link: answer.administrator.activationLink });
    } catch (e) {
      if (e instanceof ApiError && e.field)
        setErrors({ [e.field.replace(/^administrator\./, '')]: e.message });
      else setError(messageOf(e));
    }
  }
  if (created) {
    return (
      <CardPage title="Organization created">
        <Notice kind="success">
          We sent an activation link to {form.email}. Open it to choose your password.
        </Notice>
        {created.link && (
          <p>
            Development server:{' '}
            <Link to={new URL(created.link).pathname + new URL(created.link).search}>
              open the activation link
            </Link>
          </p>
        )}
      </CardPage>
    );
  }
  return (
    <CardPage title="Create your organization">
      {error && <Notice kind="error">{error}</Notice>}
      <form onSubmit={submit} noValidate>
        <Field
          label="Organization name"
          name="name"
          value={form.name}
          onChange={set('name')}
          error={errors['name']}
          required
        />
        <PersonFields values={form} onChange={set} errors={errors} whose="self" />
        <TimeZoneField value={timeZone} onChange={setTimeZone} error={errors['timeZone']} />
        <button type="submit" className="button button--wide">
          Create organization
        </button>
      </form>
      <p className="muted">
        <Link to="/signin">I already have an account</Link>
      </p>
    </CardPage>
  );
}
