import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { ApiError, messageOf } from '../api/api-error';
import { api } from '../api/client';
import type { DirectoryItem } from '../api/types';
import { Dialog } from '../components/Dialog';
import { Field, SelectField } from '../components/Field';
import { Layout } from '../components/Layout';
import { Notice } from '../components/Notice';
import { PersonFields } from '../components/PersonFields';
import { ACCOUNT_TYPES } from '../lib/choices';
import { useSession } from '../session/session';

const PAGE_SIZE = 20;

export function AdminAccountsPage() {
  const { me } = useSession();
  const orgId = me!.orgId;
  const [search, setSearch] = useState('');
  const [items, setItems] = useState<DirectoryItem[] | null>(null);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [next, setNext] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<DirectoryItem | null>(null);
  const [notice, setNotice] = useState<{
    kind: 'success' | 'error' | 'info';
    text: string;
    link?: string;
  } | null>(null);

  const load = useCallback(
    async (cursor: string | null, query = search) => {
      const params = new URLSearchParams({
        limit: String(PAGE_SIZE),
        ...(query.trim() ? { search: query.trim() } : {}),
        ...(cursor ? { cursor } : {}),
      });
      const answer = await api.get<{
        items: DirectoryItem[];
        nextCursor: string | null;
      }>(`/api/profile/organizations/${orgId}/accounts?${params}`);
      setItems(answer.items);
      setNext(answer.nextCursor);
    },
    [orgId, search],
  );
  // The first page once; later loads follow the search and pager buttons.
  const [firstLoad] = useState(() => load);
  useEffect(
    () => void firstLoad(null).catch((e) => setNotice({ kind: 'error', text: messageOf(e) })),
    [firstLoad],
  );

  const page = cursors.length;
  return (
    <Layout title="Accounts">
      {notice && (
        <Notice kind={notice.kind}>
          {notice.text}
          {notice.link && (
            <>
              {' '}
              <code className="break" data-testid="activation-link">
                {notice.link}
              </code>
            </>
          )}
        </Notice>
      )}
      <div className="toolbar">
        <form
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            setCursors([null]);
            void load(null);
          }}
        >
          <Field
            label="Search by user name"
            name="search"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <button type="submit" className="button button--secondary">
            Search
          </button>
        </form>
        <button type="button" className="button" onClick={() => setCreating(true)}>
          Create account
        </button>
      </div>
      <section className="panel">
        {items === null ? (
          <p>Loading…</p>
        ) : items.length === 0 ? (
          <p>No account matches.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">User name</th>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Type</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((a) => (
                  <tr key={a.id}>
                    <td data-label="User name">{a.userName}</td>
                    <td data-label="Name">{`${a.firstName} ${a.lastName}`}</td>
                    <td data-label="Email">{a.email}</td>
                    <td data-label="Type">{a.accountType}</td>
                    <td data-label="Status">
                      <span className={`status status--${a.enabled ? 'active' : 'disabled'}`}>
                        {a.enabled ? 'enabled' : 'disabled'}
                      </span>
                    </td>
                    <td className="cell-actions">
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => setSelected(a)}
                        aria-label={`Manage ${a.userName}`}
                      >
                        Manage
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav className="pager" aria-label="Pages">
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={page <= 1}
            onClick={() => {
              const previous = cursors.slice(0, -1);
              setCursors(previous);
              void load(previous[previous.length - 1]);
            }}
          >
            Previous
          </button>
          <span>Page {page}</span>
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={!next}
            onClick={() => {
              setCursors([...cursors, next]);
              void load(next);
            }}
          >
            Next
          </button>
        </nav>
      </section>
      {creating && (
        <CreateAccountDialog
          orgId={orgId}
          onClose={() => setCreating(false)}
          onCreated={(userName, link) => {
            setCreating(false);
            setNotice({
              kind: 'success',
              text: `${userName} was created and will receive an activation email.${link ? ' Activation link (development):' : ''}`,
              link,
            });
            void load(null);
          }}
        />
      )}
      {selected && (
        <ManageAccountDialog
          account={selected}
          isSelf={selected.id === me!.id}
          onClose={() => setSelected(null)}
          onDone={(text) => {
            setSelected(null);
            setNotice({ kind: 'success', text });
            void load(cursors[cursors.length - 1]);
          }}
        />
      )}
    </Layout>
  );
}

function CreateAccountDialog({
  orgId,
  onClose,
  onCreated,
}: {
  orgId: string;
  onClose: () => void;
  onCreated: (userName: string, link?: string) => void;
}) {
  const [form, setForm] = useState({
    userName: '',
    firstName: '',
    lastName: '',
    email: '',
    accountType: 'standard',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    setError(null);
    try {
      const created = await api.post<{ activationLink?: string }>(
        `/api/profile/organizations/${orgId}/accounts`,
        form,
      );
      onCreated(form.userName, created.activationLink);
    } catch (e) {
      if (e instanceof ApiError && e.field) setErrors({ [e.field]: e.message });
      else setError(messageOf(e));
    }
  }
  return (
    <Dialog title="Create an account" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        {error && <Notice kind="error">{error}</Notice>}
        <PersonFields values={form} onChange={set} errors={errors} whose="other" />
        <SelectField
          label="Account type"
          name="newAccountType"
          value={form.accountType}
          onChange={set('accountType')}
          error={errors['accountType']}
        >
          {ACCOUNT_TYPES.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </SelectField>
        <div className="actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button">
            Create
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function ManageAccountDialog({
  account,
  isSelf,
  onClose,
  onDone,
}: {
  account: DirectoryItem;
  isSelf: boolean;
  onClose: () => void;
  onDone: (text: string) => void;
}) {
  const [accountType, setAccountType] = useState(account.accountType);
  const [groups, setGroups] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const act = async (run: () => Promise<unknown>, text: string) => {
    setError(null);
    try {
      await run();
      onDone(text);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const base = `/api/profile/accounts/${account.id}`;
  return (
    <Dialog title={`Manage ${account.userName}`} onClose={onClose}>
      {error && <Notice kind="error">{error}</Notice>}
      {isSelf ? (
        <Notice kind="info">
          This is your own account: another administrator of your organization must change its type,
          group restriction or status.
        </Notice>
      ) : (
        <>
          <div className="inline-form">
            <SelectField
              label="Account type"
              name="accountType"
              value={accountType}
              onChange={(e) => setAccountType(e.target.value)}
            >
              {ACCOUNT_TYPES.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </SelectField>
            <button
              type="button"
              className="button button--secondary"
              onClick={() =>
                void act(
                  () => api.put(`${base}/account-type`, { accountType }),
                  `${account.userName} is now ${accountType}.`,
                )
              }
            >
              Change type
            </button>
          </div>
          <div className="inline-form">
            <Field
              label="Group restriction (comma-separated; empty for all groups)"
              name="groups"
              value={groups}
              onChange={(e) => setGroups(e.target.value)}
            />
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                const list = groups
                  .split(',')
                  .map((g) => g.trim())
                  .filter(Boolean);
                void act(
                  () =>
                    api.put(`${base}/group-restriction`, {
                      groupRestriction: list.length
                        ? { kind: 'groups', groups: list }
                        : { kind: 'all' },
                    }),
                  `Group restriction of ${account.userName} saved.`,
                );
              }}
            >
              Save groups
            </button>
          </div>
          <div className="actions actions--start">
            {account.enabled ? (
              <button
                type="button"
                className="button button--danger"
                onClick={() =>
                  void act(
                    () =>
                      api.post(`${base}/disable`, {
                        reason: reason || 'Disabled by an administrator',
                      }),
                    `${account.userName} is disabled.`,
                  )
                }
              >
                Disable account
              </button>
            ) : (
              <button
                type="button"
                className="button button--secondary"
                onClick={() =>
                  void act(
                    () => api.post(`${base}/enable`),
                    `${account.userName} is enabled again.`,
                  )
                }
              >
                Enable account
              </button>
            )}
            <button
              type="button"
              className="button button--secondary"
              onClick={() =>
                void act(
                  () => api.post(`${base}/activation-link`),
                  `A new activation link was sent to ${account.userName}.`,
                )
              }
            >
              Resend activation link
            </button>
          </div>
        </>
      )}
      <h3>Reset authenticator</h3>
      <p className="muted">
        For a person who lost the phone with their authenticator app: they set it up again at their
        next sign-in.
      </p>
      <Field
        label="Reason"
        name="resetReason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        hint="Kept in the audit history."
      />
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onClose}>
          Close
        </button>
        <button
          type="button"
          className="button button--danger"
          disabled={!reason.trim() || isSelf}
          onClick={() =>
            void act(
              () =>
                api.post(`/api/auth/accounts/${account.id}/authenticator/reset`, {
                  reason: reason.trim(),
                }),
              `The authenticator of ${account.userName} was reset.`,
            )
          }
        >
          Reset authenticator
        </button>
      </div>
    </Dialog>
  );
}
