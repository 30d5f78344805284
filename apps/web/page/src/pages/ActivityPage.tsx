import { useEffect, useState } from 'react';
import { ApiError, messageOf } from '../api/api-error';
import { api } from '../api/client';
import type { ActivityItem } from '../api/types';
import { Layout } from '../components/Layout';
import { Notice } from '../components/Notice';
import { formatTime } from '../lib/time';
import { useSession } from '../session/session';

/** The person's own security history, from the audit service, in their time zone. */
export function ActivityPage() {
  const { me } = useSession();
  const [items, setItems] = useState<ActivityItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .get<{ items: ActivityItem[] }>('/api/audit/me/activity')
      .then((a) => setItems(a.items))
      .catch((e) =>
        setError(
          e instanceof ApiError && (e.status === 502 || e.status === 404)
            ? 'Your activity history is not available right now. Try again later.'
            : messageOf(e),
        ),
      );
  }, []);
  return (
    <Layout title="Activity">
      <p className="lead">
        Sign-ins and changes to your account's security, newest first. Times are in {me?.timeZone}.
      </p>
      {error && <Notice kind="info">{error}</Notice>}
      {items && (
        <section className="panel">
          {items.length === 0 ? (
            <p>No activity yet.</p>
          ) : (
            <ol className="rows" data-testid="activity">
              {items.map((item, i) => (
                <li key={item.eventId ?? item.id ?? i} className="row">
                  <div>
                    <strong>{item.summary ?? item.description ?? item.type}</strong>
                    <div className="muted">
                      {formatTime(item.occurredAt ?? item.at, me?.timeZone ?? 'UTC')}
                      {item.ip ? ` · ${item.ip}` : ''}
                      {typeof item.actor === 'string' ? ` · ${item.actor}` : ''}
                    </div>
                  </div>
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </Layout>
  );
}
