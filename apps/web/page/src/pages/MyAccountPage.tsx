import { type FormEvent, useState } from 'react';
import { ApiError, messageOf } from '../api/api-error';
import { api } from '../api/client';
import type { Account } from '../api/types';
import { Field, SelectField } from '../components/Field';
import { Layout } from '../components/Layout';
import { Notice } from '../components/Notice';
import { PendingEmailPanel } from '../components/PendingEmail';
import { TimeZoneField } from '../components/TimeZoneField';
import { SESSION_TIMEOUTS } from '../lib/choices';
import { useSession } from '../session/session';

type EditableField =
  | 'userName'
  | 'firstName'
  | 'lastName'
  | 'email'
  | 'mobilePhone'
  | 'timeZone'
  | 'sessionTimeout';
const LABELS: Record<EditableField, string> = {
  userName: 'User name',
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email address',
  mobilePhone: 'Mobile phone',
  timeZone: 'Time zone',
  sessionTimeout: 'Session timeout',
};

function formOf(me: Account): Record<EditableField, string> {
  return {
    userName: me.userName,
    firstName: me.firstName,
    lastName: me.lastName,
    email: me.email,
    mobilePhone: me.mobilePhone ?? '',
    timeZone: me.timeZone,
    sessionTimeout: me.sessionTimeout,
  };
}

export function MyAccountPage() {
  const { me, org, setMe } = useSession();
  const [form, setForm] = useState(() => formOf(me!));
  const [errors, setErrors] = useState<Partial<Record<EditableField, string>>>({});
  const [notice, setNotice] = useState<{
    kind: 'success' | 'error';
    text: string;
  } | null>(null);
  const [busy, setBusy] = useState(false);
  if (!me) return null;
  const emailLocked = org ? !org.emailEditableByUsers : false;
  const set = (field: EditableField) => (value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };
  const changed = (Object.keys(form) as EditableField[]).filter((k) => form[k] !== formOf(me)[k]);

  /** A new link to the pending address (a new request replaces the old one), or the change withdrawn. */
  async function pendingAction(action: 'resend' | 'cancel') {
    if (!me?.pendingEmail) return;
    setNotice(null);
    setBusy(true);
    try {
      const saved =
        action === 'resend'
          ? await api.patch<Account>('/api/profile/accounts/me', {
              email: me.pendingEmail.email,
            })
          : await api.delete<Account>('/api/profile/accounts/me/email/pending');
      setMe(saved);
      setForm((f) => ({ ...f, email: saved.email }));
      setNotice({
        kind: 'success',
        text:
          action === 'resend'
            ? `A new link is on its way to ${me.pendingEmail.email}; the previous one no longer works.`
            : `Change cancelled: your email address stays ${saved.email}.`,
      });
    } catch (e) {
      setNotice({ kind: 'error', text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    if (!changed.length)
      return setNotice({
        kind: 'success',
        text: 'Nothing to save: no field was changed.',
      });
    setBusy(true);
    try {
      const body = Object.fromEntries(
        changed.map((k) => [k, k === 'mobilePhone' && !form[k].trim() ? null : form[k].trim()]),
      );
      const saved = await api.patch<Account>('/api/profile/accounts/me', body);
      setMe(saved);
      setForm(formOf(saved));
      setErrors({});
      const requested = changed.includes('email') && saved.pendingEmail;
      const savedFields = changed.filter((k) => k !== 'email' || !requested);
      setNotice({
        kind: 'success',
        text: [
          savedFields.length ? `Saved: ${savedFields.map((k) => LABELS[k]).join(', ')}.` : '',
          requested
            ? `We sent a link to ${saved.pendingEmail?.email}: open it to confirm your new email address.`
            : '',
        ]
          .filter(Boolean)
          .join(' '),
      });
    } catch (e) {
      const field = e instanceof ApiError ? (e.field as EditableField | undefined) : undefined;
      if (field && field in LABELS) {
        setErrors({ [field]: e instanceof Error ? e.message : String(e) });
        setNotice({
          kind: 'error',
          text: `Not saved: check ${LABELS[field]}.`,
        });
        document.getElementsByName(field)[0]?.focus();
      } else setNotice({ kind: 'error', text: `Not saved: ${messageOf(e)}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Layout title="My Account">
      <p className="lead">Your account information. Change any field and click Save Changes.</p>
      <form className="panel" onSubmit={save} noValidate>
        {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
        <div className="grid-2">
          <Field
            label="First name"
            name="firstName"
            autoComplete="given-name"
            value={form.firstName}
            onChange={(e) => set('firstName')(e.target.value)}
            error={errors.firstName}
          />
          <Field
            label="Last name"
            name="lastName"
            autoComplete="family-name"
            value={form.lastName}
            onChange={(e) => set('lastName')(e.target.value)}
            error={errors.lastName}
          />
        </div>
        <Field
          label="User name"
          name="userName"
          autoComplete="username"
          value={form.userName}
          onChange={(e) => set('userName')(e.target.value)}
          error={errors.userName}
          hint="Letters and digits only; unique on this server."
        />
        <Field
          label="Email address"
          name="email"
          type="email"
          autoComplete="email"
          value={form.email}
          readOnly={emailLocked}
          onChange={(e) => set('email')(e.target.value)}
          error={errors.email}
          hint={
            emailLocked
              ? 'Your organization manages email addresses: ask an administrator to change it.'
              : me.pendingEmail
                ? `Waiting for confirmation of ${me.pendingEmail.email}: this address stays in use until then.`
                : 'Used for sign-in codes by email and security notices. A new address is used once you confirm it with the link we send to it.'
          }
        />
        {me.pendingEmail && !emailLocked && (
          <PendingEmailPanel
            pending={me.pendingEmail}
            currentEmail={me.email}
            busy={busy}
            onResend={() => void pendingAction('resend')}
            onCancel={() => void pendingAction('cancel')}
          />
        )}
        <Field
          label="Mobile phone"
          name="mobilePhone"
          type="tel"
          autoComplete="tel"
          value={form.mobilePhone}
          onChange={(e) => set('mobilePhone')(e.target.value)}
          error={errors.mobilePhone}
          hint="International format, e.g. +33 6 12 34 56 78. Used for sign-in codes by SMS."
        />
        <TimeZoneField value={form.timeZone} onChange={set('timeZone')} error={errors.timeZone} />
        <SelectField
          label="Session timeout"
          name="sessionTimeout"
          value={form.sessionTimeout}
          onChange={(e) => set('sessionTimeout')(e.target.value)}
          error={errors.sessionTimeout}
          hint="After this long without activity you are signed out."
        >
          {SESSION_TIMEOUTS.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </SelectField>
        <dl className="facts">
          <dt>Account type</dt>
          <dd>{me.accountType}</dd>
          <dt>Group restriction</dt>
          <dd>
            {me.groupRestriction.kind === 'all'
              ? 'All groups'
              : me.groupRestriction.groups.join(', ')}
          </dd>
        </dl>
        <p className="muted">
          To change your own account type or group restriction, ask another administrator of your
          organization.
        </p>
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Saving…' : 'Save Changes'}
          </button>
        </div>
      </form>
    </Layout>
  );
}
