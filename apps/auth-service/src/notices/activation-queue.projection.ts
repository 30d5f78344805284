import {
  type AccountActivationReissuedData,
  type AccountRegisteredData,
  ProfileStreamPrefixes,
} from '@accounts/contracts';
import { defineProjection } from '@accounts/projections';

/**
 * The activation emails to send: one row per AccountRegistered or AccountActivationReissued that
 * carries a linkId. Profile events come from the store or from Kafka like profile_facts, hence
 * idempotent by eventId; the recipient (name, address, time zone) is kept up to date beside it.
 */
export const activationQueueProjection = defineProjection({
  name: 'activation_queue',
  version: 1,
  tables: ['activation_queue', 'activation_recipients'],
  filter: {
    streamPrefixes: [ProfileStreamPrefixes.account],
    eventTypes: [
      'AccountRegistered',
      'AccountActivationReissued',
      'AccountEmailChanged',
      'AccountUserNameChanged',
      'AccountTimeZoneChanged',
    ],
  },
  idempotency: 'eventId',
  schema: (t) => `
    CREATE TABLE ${t.activation_queue} (
      event_id TEXT PRIMARY KEY, position INTEGER NOT NULL, account_id TEXT NOT NULL, data TEXT NOT NULL, occurred_at TEXT NOT NULL);
    CREATE INDEX ${t.activation_queue}_by_account ON ${t.activation_queue} (account_id, position);
    CREATE TABLE ${t.activation_recipients} (account_id TEXT PRIMARY KEY, user_name TEXT NOT NULL, email TEXT NOT NULL, time_zone TEXT NOT NULL);`,
  apply(event, tx) {
    const data = event.data as Record<string, unknown>;
    const accountId = String(data['accountId']);
    const recipients = tx.table.activation_recipients;
    let activation: AccountRegisteredData['activation'] | undefined;
    switch (event.type) {
      case 'AccountRegistered': {
        const registered = data as unknown as AccountRegisteredData;
        tx.run(
          `INSERT OR REPLACE INTO ${recipients} (account_id, user_name, email, time_zone) VALUES (?, ?, ?, ?)`,
          accountId,
          registered.userName,
          registered.email,
          registered.timeZone,
        );
        activation = registered.activation;
        break;
      }
      case 'AccountActivationReissued':
        activation = (data as unknown as AccountActivationReissuedData).activation;
        break;
      case 'AccountEmailChanged':
        tx.run(`UPDATE ${recipients} SET email = ? WHERE account_id = ?`, data['to'], accountId);
        return;
      case 'AccountUserNameChanged':
        tx.run(
          `UPDATE ${recipients} SET user_name = ? WHERE account_id = ?`,
          data['to'],
          accountId,
        );
        return;
      case 'AccountTimeZoneChanged':
        tx.run(
          `UPDATE ${recipients} SET time_zone = ? WHERE account_id = ?`,
          data['to'],
          accountId,
        );
        return;
    }
    if (!activation?.linkId) return;
    tx.run(
      `INSERT OR IGNORE INTO ${tx.table.activation_queue} (event_id, position, account_id, data, occurred_at) VALUES (?, ?, ?, ?, ?)`,
      event.eventId,
      event.position,
      accountId,
      // The token is rebuilt from linkId by the reactor; only its hash is here to check the key.
      JSON.stringify({
        linkId: activation.linkId,
        tokenSha256: activation.tokenSha256,
        expiresAt: activation.expiresAt,
      }),
      event.occurredAt,
    );
  },
});
