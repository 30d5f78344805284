import type {
  PublicAccountChange,
  PublicAccountDisabled,
  PublicAccountEnabled,
  PublicAccountRegistered,
} from '@accounts/contracts';
import { ProfileEventTypes } from '@accounts/contracts';
import type { ProjectionTx } from '@accounts/projections';

/** The profile events the accounts read model needs. */
export const ACCOUNT_EVENT_TYPES = [
  ProfileEventTypes.AccountRegistered,
  ProfileEventTypes.AccountTypeChanged,
  ProfileEventTypes.AccountDisabled,
  ProfileEventTypes.AccountEnabled,
] as const;

/**
 * Applies one public profile event to the `accounts` table, wherever it comes from (the shared store
 * through the publication table, or accounts.profile.v2).
 * Every statement is idempotent, and the projection records event ids, so redelivery is harmless.
 */
export function applyAccountEvent(
  event: { type: string; data: unknown },
  tx: ProjectionTx<'accounts'>,
): void {
  const table = tx.table.accounts;
  switch (event.type) {
    case ProfileEventTypes.AccountRegistered: {
      const d = event.data as PublicAccountRegistered;
      tx.run(
        `INSERT INTO ${table} (account_id, org_id, account_type, status) VALUES (?, ?, ?, 'enabled')
         ON CONFLICT (account_id) DO UPDATE SET org_id = excluded.org_id, account_type = excluded.account_type`,
        d.accountId,
        d.orgId,
        d.accountType,
      );
      return;
    }
    case ProfileEventTypes.AccountTypeChanged: {
      const d = event.data as PublicAccountChange<string>;
      tx.run(`UPDATE ${table} SET account_type = ? WHERE account_id = ?`, d.to, d.accountId);
      return;
    }
    case ProfileEventTypes.AccountDisabled: {
      const d = event.data as PublicAccountDisabled;
      tx.run(`UPDATE ${table} SET status = 'disabled' WHERE account_id = ?`, d.accountId);
      return;
    }
    case ProfileEventTypes.AccountEnabled: {
      const d = event.data as PublicAccountEnabled;
      tx.run(`UPDATE ${table} SET status = 'enabled' WHERE account_id = ?`, d.accountId);
      return;
    }
  }
}
