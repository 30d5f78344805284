import { ProfileStreamPrefixes } from '@accounts/contracts';
import type { AccountRegisteredData, AccountUserNameChangedData } from '@accounts/contracts';
import type { RecordedEvent } from '@accounts/event-store';
import { defineProjection, type ProjectionTx } from '@accounts/projections';

export const ACCOUNT_DIRECTORY = 'account_directory';

/** Profile fields the directory keeps, by the event that changes each. */
const COLUMN_OF_CHANGE: Readonly<Record<string, string>> = {
  AccountFirstNameChanged: 'first_name',
  AccountLastNameChanged: 'last_name',
  AccountEmailChanged: 'email',
  AccountTypeChanged: 'account_type',
};

/**
 * Accounts per organization, for administrators' listing and search by user name. Fed from the
 * account streams; rebuildable from position 0 (bump `version` when the schema or `apply` change).
 */
export const accountDirectoryProjection = defineProjection({
  name: ACCOUNT_DIRECTORY,
  version: 1,
  tables: ['directory_accounts'],
  filter: { streamPrefixes: [ProfileStreamPrefixes.account] },
  schema: (t) => `
    CREATE TABLE ${t.directory_accounts} (
      account_id TEXT PRIMARY KEY,
      org_id TEXT NOT NULL,
      user_name TEXT NOT NULL,
      user_name_lower TEXT NOT NULL,
      first_name TEXT NOT NULL,
      last_name TEXT NOT NULL,
      email TEXT NOT NULL,
      account_type TEXT NOT NULL,
      enabled INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX ${t.directory_accounts}_by_name ON ${t.directory_accounts} (org_id, user_name_lower, account_id);`,
  apply(event, tx) {
    if (event.type === 'AccountRegistered') {
      const a = event.data as AccountRegisteredData;
      tx.run(
        `INSERT INTO ${tx.table.directory_accounts}
           (account_id, org_id, user_name, user_name_lower, first_name, last_name, email, account_type, enabled, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
        a.accountId,
        a.orgId,
        a.userName,
        a.userName.toLowerCase(),
        a.firstName,
        a.lastName,
        a.email,
        a.accountType,
        event.occurredAt,
        event.occurredAt,
      );
      return;
    }
    if (event.type === 'AccountUserNameChanged') {
      const { accountId, to } = event.data as AccountUserNameChangedData;
      update(tx, event, accountId, 'user_name = ?, user_name_lower = ?', to, to.toLowerCase());
      return;
    }
    if (event.type === 'AccountDisabled' || event.type === 'AccountEnabled') {
      const { accountId } = event.data as { accountId: string };
      update(tx, event, accountId, 'enabled = ?', event.type === 'AccountEnabled' ? 1 : 0);
      return;
    }
    const column = COLUMN_OF_CHANGE[event.type];
    if (column) {
      const { accountId, to } = event.data as { accountId: string; to: string };
      update(tx, event, accountId, `${column} = ?`, to);
      return;
    }
    // Other account events (phone, time zone, ...) are not shown in the directory, but they are changes.
    const { accountId } = event.data as { accountId?: unknown };
    if (typeof accountId === 'string') update(tx, event, accountId, 'account_id = account_id');
  },
});

function update(
  tx: ProjectionTx<'directory_accounts'>,
  event: RecordedEvent,
  accountId: string,
  assignments: string,
  ...values: unknown[]
): void {
  tx.run(
    `UPDATE ${tx.table.directory_accounts} SET ${assignments}, updated_at = ? WHERE account_id = ?`,
    ...values,
    event.occurredAt,
    accountId,
  );
}
