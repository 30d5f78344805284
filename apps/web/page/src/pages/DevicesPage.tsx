import { useCallback, useEffect, useState } from 'react';
import { messageOf } from '../api/api-error';
import { api } from '../api/client';
import type { Session, TrustedDevice } from '../api/types';
import { ConfirmDialog } from '../components/Dialog';
import { Layout } from '../components/Layout';
import { Notice } from '../components/Notice';
import { formatTime } from '../lib/time';
import { useSession } from '../session/session';

export function DevicesPage() {
  const { me, signOut } = useSession();
  const zone = me?.timeZone ?? 'UTC';
  const [sessions, setSessions] = useState<Session[] | null>(null);
  const [devices, setDevices] = useState<TrustedDevice[] | null>(null);
  const [confirm, setConfirm] = useState<{
    kind: 'session' | 'device';
    id: string;
    current: boolean;
  } | null>(null);
  const [notice, setNotice] = useState<{
    kind: 'success' | 'error';
    text: string;
  } | null>(null);

  const load = useCallback(async () => {
    const [s, d] = await Promise.all([
      api.get<{ items: Session[] }>('/api/auth/me/sessions'),
      api.get<{ items: TrustedDevice[] }>('/api/auth/me/trusted-devices'),
    ]);
    setSessions(s.items);
    setDevices(d.items);
  }, []);
  useEffect(
    () => void load().catch((e) => setNotice({ kind: 'error', text: messageOf(e) })),
    [load],
  );

  async function revoke() {
    if (!confirm) return;
    const { kind, id, current } = confirm;
    setConfirm(null);
    try {
      await api.delete(
        kind === 'session' ? `/api/auth/me/sessions/${id}` : `/api/auth/me/trusted-devices/${id}`,
      );
      if (kind === 'session' && current) return void signOut('You signed out this session.');
      setNotice({
        kind: 'success',
        text:
          kind === 'session'
            ? 'The session was signed out.'
            : 'That computer is no longer trusted: it will ask for a code again.',
      });
      await load();
    } catch (e) {
      setNotice({ kind: 'error', text: messageOf(e) });
    }
  }

  return (
    <Layout title="Computers and sessions">
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      <section className="panel" aria-labelledby="trusted-title">
        <h2 id="trusted-title">Trusted computers</h2>
        <p className="muted">
          These computers passed your second factor and skip it until they expire.
        </p>
        {devices === null ? (
          <p>Loading…</p>
        ) : devices.length === 0 ? (
          <p>No trusted computer.</p>
        ) : (
          <ul className="rows">
            {devices.map((d) => (
              <li key={d.id} className="row">
                <div>
                  <strong>{d.label ?? d.device ?? 'Computer'}</strong>{' '}
                  {d.current && <span className="badge">This computer</span>}
                  <div className="muted">
                    Trusted {formatTime(d.trustedAt ?? d.firstUsedAt, zone)} · last used{' '}
                    {formatTime(d.lastUsedAt, zone)}
                    {d.expiresAt && <> · until {formatTime(d.expiresAt, zone)}</>}
                  </div>
                </div>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() =>
                    setConfirm({
                      kind: 'device',
                      id: d.id,
                      current: !!d.current,
                    })
                  }
                >
                  Revoke
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Sessions</h2>
        {sessions === null ? (
          <p>Loading…</p>
        ) : (
          <ul className="rows">
            {sessions.map((s) => (
              <li key={s.id} className="row">
                <div>
                  <strong>{s.device ?? 'Browser'}</strong>{' '}
                  {s.current && <span className="badge">This session</span>}
                  <div className="muted">
                    {s.ip ? `${s.ip} · ` : ''}started {formatTime(s.startedAt, zone)} · active{' '}
                    {formatTime(s.lastActiveAt, zone)}
                  </div>
                </div>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() =>
                    setConfirm({
                      kind: 'session',
                      id: s.id,
                      current: s.current,
                    })
                  }
                >
                  Sign out
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {confirm && (
        <ConfirmDialog
          title={
            confirm.kind === 'session' ? 'Sign out this session?' : 'Stop trusting this computer?'
          }
          confirmLabel={confirm.kind === 'session' ? 'Sign out' : 'Revoke'}
          onConfirm={() => void revoke()}
          onCancel={() => setConfirm(null)}
        >
          {confirm.kind === 'session'
            ? confirm.current
              ? 'This is the session you are using: you will be signed out here.'
              : 'Whoever uses that session will have to sign in again.'
            : 'The next sign-in from that computer will ask for a code again.'}
        </ConfirmDialog>
      )}
    </Layout>
  );
}
