import { type FormEvent, useState } from 'react';
import { messageOf } from '../api/api-error';
import { api } from '../api/client';
import type { Organization } from '../api/types';
import { Field } from '../components/Field';
import { Layout } from '../components/Layout';
import { Notice } from '../components/Notice';
import { useSession } from '../session/session';

const FACTORS = [
  { value: 'email', label: 'Email codes' },
  { value: 'sms', label: 'SMS codes' },
  { value: 'authenticator', label: 'Authenticator app' },
];

export function CompanySettingsPage() {
  const { org, reload } = useSession();
  const [name, setName] = useState(org?.name ?? '');
  const [twoFactorRequired, setTwoFactor] = useState(org?.twoFactorRequired ?? false);
  const [emailEditable, setEmailEditable] = useState(org?.emailEditableByUsers ?? true);
  const [factors, setFactors] = useState<string[]>([...(org?.allowedSecondFactors ?? [])]);
  const [notice, setNotice] = useState<{
    kind: 'success' | 'error';
    text: string;
  } | null>(null);
  if (!org) return null;
  async function save(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    try {
      await api.put<Organization>(`/api/profile/organizations/${org!.id}/settings`, {
        name: name.trim(),
        twoFactorRequired,
        emailEditableByUsers: emailEditable,
        allowedSecondFactors: factors,
      });
      await reload();
      setNotice({ kind: 'success', text: 'Company settings saved.' });
    } catch (e) {
      setNotice({ kind: 'error', text: messageOf(e) });
    }
  }
  return (
    <Layout title="Company settings">
      <form className="panel" onSubmit={save} noValidate>
        {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
        <Field
          label="Organization name"
          name="orgName"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={twoFactorRequired}
            onChange={(e) => setTwoFactor(e.target.checked)}
          />
          Require two-factor sign-in for all users
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={emailEditable}
            onChange={(e) => setEmailEditable(e.target.checked)}
          />
          Users may change their own email address
        </label>
        <fieldset className="inline-choices">
          <legend>Second factors users may choose</legend>
          {FACTORS.map((f) => (
            <label key={f.value} className="checkbox">
              <input
                type="checkbox"
                checked={factors.includes(f.value)}
                onChange={(e) =>
                  setFactors(
                    e.target.checked ? [...factors, f.value] : factors.filter((x) => x !== f.value),
                  )
                }
              />
              {f.label}
            </label>
          ))}
        </fieldset>
        <div className="actions">
          <button type="submit" className="button">
            Save Changes
          </button>
        </div>
      </form>
    </Layout>
  );
}
