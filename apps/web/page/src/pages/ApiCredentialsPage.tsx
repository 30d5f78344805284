import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { ApiError, messageOf } from '../api/api-error';
import { api } from '../api/client';
import type { ApiCredential, IssuedSecret } from '../api/types';
import { SecretValue } from '../components/CopyButton';
import { ConfirmDialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { Layout } from '../components/Layout';
import { Notice } from '../components/Notice';
import { formatTime } from '../lib/time';
import { useSession } from '../session/session';

/** Scopes offered when the credentials service supports them (sent only when some are ticked). */
const SCOPES = [
  { value: 'profile:read', label: 'Read profile' },
  { value: 'profile:write', label: 'Edit profile' },
];

export function ApiCredentialsPage() {
  const { me } = useSession();
  const zone = me?.timeZone ?? 'UTC';
  const [list, setList] = useState<ApiCredential[] | null>(null);
  const [max, setMax] = useState<number | null>(null);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [nameError, setNameError] = useState<string | null>(null);
  const [issued, setIssued] = useState<IssuedSecret | null>(null);
  const [revoking, setRevoking] = useState<ApiCredential | null>(null);
  const [notice, setNotice] = useState<{
    kind: 'success' | 'error';
    text: string;
  } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const answer = await api.get<{
      credentials: ApiCredential[];
      maxCredentials: number;
    }>('/api/credentials/api-credentials');
    setList(answer.credentials);
    setMax(answer.maxCredentials);
  }, []);
  useEffect(
    () => void load().catch((e) => setNotice({ kind: 'error', text: messageOf(e) })),
    [load],
  );

  async function generate(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setNotice(null);
    setNameError(null);
    try {
      const body = {
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(scopes.length ? { scopes } : {}),
      };
      setIssued(await api.post<IssuedSecret>('/api/credentials/api-credentials', body));
      setName('');
      setScopes([]);
      await load();
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && /name/i.test(e.field ?? e.code ?? e.message))
        setNameError(e.message);
      else setNotice({ kind: 'error', text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  }

  async function regenerate(credential: ApiCredential) {
    setNotice(null);
    try {
      setIssued(
        await api.post<IssuedSecret>(
          `/api/credentials/api-credentials/${credential.id}/regenerate`,
        ),
      );
      await load();
    } catch (e) {
      setNotice({ kind: 'error', text: messageOf(e) });
    }
  }

  async function revoke() {
    const credential = revoking!;
    setRevoking(null);
    try {
      await api.delete(`/api/credentials/api-credentials/${credential.id}`);
      if (issued?.id === credential.id) setIssued(null);
      setNotice({
        kind: 'success',
        text: `${credential.name ?? credential.clientId} was revoked: it no longer works.`,
      });
      await load();
    } catch (e) {
      setNotice({ kind: 'error', text: messageOf(e) });
    }
  }

  const active = list?.filter((c) => c.status !== 'revoked') ?? [];
  return (
    <Layout title="API credentials">
      <p className="lead">
        Credentials let scripts and integrations call the REST API as you (OAuth 2 client
        credentials).
      </p>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      {issued && (
        <section className="panel panel--warning" aria-labelledby="issued-title">
          <h2 id="issued-title">Copy your secret now</h2>
          <Notice kind="warning">
            This secret will not be shown again. Copy it now and store it safely; if you lose it,
            regenerate it.
          </Notice>
          <SecretValue label="Client ID" value={issued.clientId} />
          <SecretValue label="Secret" value={issued.secret} />
          <div className="actions">
            <button type="button" className="button" onClick={() => setIssued(null)}>
              Done, I have copied it
            </button>
          </div>
        </section>
      )}
      <form className="panel" onSubmit={generate} noValidate>
        <h2>New credential</h2>
        <Field
          label="Name (optional)"
          name="credentialName"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={nameError}
          hint="To recognise it later, e.g. CI pipeline."
        />
        <fieldset className="inline-choices">
          <legend>Scopes (optional)</legend>
          {SCOPES.map((s) => (
            <label key={s.value} className="checkbox">
              <input
                type="checkbox"
                name="scopes"
                value={s.value}
                checked={scopes.includes(s.value)}
                onChange={(e) =>
                  setScopes(
                    e.target.checked ? [...scopes, s.value] : scopes.filter((x) => x !== s.value),
                  )
                }
              />
              {s.label}
            </label>
          ))}
        </fieldset>
        <div className="actions">
          <button
            type="submit"
            className="button"
            disabled={busy || (max !== null && active.length >= max)}
          >
            Generate
          </button>
          {max !== null && <span className="muted">{`${active.length} of ${max} in use`}</span>}
        </div>
      </form>
      <section className="panel" aria-labelledby="list-title">
        <h2 id="list-title">Your credentials</h2>
        {list === null ? (
          <p>Loading…</p>
        ) : list.length === 0 ? (
          <p>No API credential yet.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Client ID</th>
                  <th scope="col">Status</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((c) => (
                  <tr key={c.id}>
                    <td data-label="Name">{c.name ?? '—'}</td>
                    <td data-label="Client ID">
                      <code>{c.clientId}</code>
                    </td>
                    <td data-label="Status">
                      <span className={`status status--${c.status}`}>{c.status}</span>
                    </td>
                    <td data-label="Created">{formatTime(c.createdAt, zone)}</td>
                    <td data-label="Last used">
                      {c.lastUsedAt ? formatTime(c.lastUsedAt, zone) : 'Never'}
                    </td>
                    <td className="cell-actions">
                      {c.status !== 'revoked' && (
                        <>
                          <button
                            type="button"
                            className="button button--secondary button--small"
                            onClick={() => void regenerate(c)}
                            aria-label={`Regenerate ${c.name ?? c.clientId}`}
                          >
                            Regenerate
                          </button>
                          <button
                            type="button"
                            className="button button--danger button--small"
                            onClick={() => setRevoking(c)}
                            aria-label={`Revoke ${c.name ?? c.clientId}`}
                          >
                            Revoke
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {revoking && (
        <ConfirmDialog
          title="Revoke this credential?"
          confirmLabel="Revoke"
          onConfirm={() => void revoke()}
          onCancel={() => setRevoking(null)}
        >
          Anything using <strong>{revoking.name ?? revoking.clientId}</strong> stops working at
          once. This cannot be undone.
        </ConfirmDialog>
      )}
    </Layout>
  );
}
