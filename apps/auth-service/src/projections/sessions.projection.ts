import { AuthenticationStreamPrefixes } from '@accounts/contracts';
import type { SessionStartedData } from '@accounts/contracts';
import { defineProjection } from '@accounts/projections';
import { deviceLabel } from '../domain';

export const SESSION_LIST = 'session_list';

/** The account's sessions for GET /auth/me/sessions; the session streams stay the truth. */
export const sessionListProjection = defineProjection({
  name: SESSION_LIST,
  version: 1,
  tables: ['sessions'],
  filter: { streamPrefixes: [AuthenticationStreamPrefixes.session] },
  schema: (t) => `
    CREATE TABLE ${t.sessions} (
      session_id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL,
      device TEXT NOT NULL,
      ip TEXT,
      started_at TEXT NOT NULL,
      last_active_at TEXT NOT NULL,
      ended_at TEXT
    );
    CREATE INDEX ${t.sessions}_by_account ON ${t.sessions} (account_id, started_at);`,
  apply(event, tx) {
    const data = event.data as Record<string, unknown>;
    if (event.type === 'SessionStarted') {
      const s = data as unknown as SessionStartedData;
      tx.run(
        `INSERT OR REPLACE INTO ${tx.table.sessions} (session_id, account_id, device, ip, started_at, last_active_at) VALUES (?, ?, ?, ?, ?, ?)`,
        s.sessionId,
        s.accountId,
        deviceLabel(s.userAgent),
        s.ip,
        s.startedAt,
        s.startedAt,
      );
    } else if (event.type === 'SessionRefreshed') {
      tx.run(
        `UPDATE ${tx.table.sessions} SET last_active_at = ? WHERE session_id = ?`,
        data['refreshedAt'],
        data['sessionId'],
      );
    } else if (event.type === 'SessionEnded') {
      tx.run(
        `UPDATE ${tx.table.sessions} SET ended_at = ? WHERE session_id = ?`,
        data['endedAt'],
        data['sessionId'],
      );
    }
  },
});
