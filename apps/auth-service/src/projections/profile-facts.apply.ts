import {
  DefaultSessionTimeout,
  ProfilePublicContracts,
  type PublicAccountRegistered,
  type PublicAccountSessionTimeoutChanged,
  type PublicOrganizationCreated,
  sessionTimeoutOfSeconds,
} from '@accounts/contracts';
import type { ProjectionTx } from '@accounts/projections';

/**
 * What auth-service needs to know of profile-service's PUBLIC events (accounts.profile.v2), as pure
 * SQL steps. The same whether they come from Kafka or from the shared store through the publication
 * table. The activation link is not a public fact: see activation-links.projection.ts.
 */
export type ProfileFactsTable = 'profile_accounts' | 'profile_orgs' | 'profile_org_admins';

export const profileFactsSchema = (t: Readonly<Record<ProfileFactsTable, string>>): string => `
  CREATE TABLE ${t.profile_accounts} (
    account_id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    user_name_lower TEXT NOT NULL,
    email TEXT NOT NULL,
    mobile_phone TEXT,
    account_type TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    session_timeout TEXT NOT NULL
  );
  CREATE UNIQUE INDEX ${t.profile_accounts}_by_name ON ${t.profile_accounts} (user_name_lower);
  CREATE TABLE ${t.profile_orgs} (
    org_id TEXT PRIMARY KEY,
    two_factor_required INTEGER NOT NULL,
    allowed_second_factors TEXT NOT NULL
  );
  CREATE TABLE ${t.profile_org_admins} (
    org_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    PRIMARY KEY (org_id, account_id)
  );`;

type Tx = ProjectionTx<ProfileFactsTable>;
type Data = Record<string, unknown>;

const ACCOUNT_COLUMN: Readonly<Record<string, string>> = {
  AccountEmailChanged: 'email',
  AccountMobilePhoneChanged: 'mobile_phone',
  AccountTypeChanged: 'account_type',
};

/** The public event types this read model needs (the projection's filter: public events have no stream). */
export const PROFILE_FACT_TYPES = [
  'AccountRegistered',
  'AccountUserNameChanged',
  'AccountDisabled',
  'AccountEnabled',
  'AccountSessionTimeoutChanged',
  'OrganizationCreated',
  'OrganizationTwoFactorRequirementChanged',
  'OrganizationAllowedSecondFactorsChanged',
  'OrganizationAdministratorAdded',
  'OrganizationAdministratorRemoved',
  'AccountEmailChanged',
  'AccountMobilePhoneChanged',
  'AccountTypeChanged',
] as const satisfies readonly (keyof typeof ProfilePublicContracts)[];

/** The account's choice again ('30m'…) from the seconds public events give; a length that is no choice gets the default. */
const timeoutOf = (seconds: number | null): string =>
  sessionTimeoutOfSeconds(seconds) ?? DefaultSessionTimeout;

/** Applies one profile event; unknown types are ignored (newer producers). */
export function applyProfileFact(type: string, data: Data, tx: Tx): void {
  const accounts = tx.table.profile_accounts;
  const orgs = tx.table.profile_orgs;
  switch (type) {
    case 'AccountRegistered': {
      const a = data as unknown as PublicAccountRegistered;
      tx.run(
        `INSERT OR REPLACE INTO ${accounts} (account_id, org_id, user_name_lower, email, mobile_phone, account_type, enabled,
           session_timeout) VALUES (?, ?, ?, ?, ?, ?, 1, ?)`,
        a.accountId,
        a.orgId,
        a.userName.toLowerCase(),
        a.email,
        a.mobilePhone ?? null,
        a.accountType,
        timeoutOf(a.sessionTimeoutSeconds),
      );
      return;
    }
    case 'AccountSessionTimeoutChanged': {
      const c = data as unknown as PublicAccountSessionTimeoutChanged;
      tx.run(
        `UPDATE ${accounts} SET session_timeout = ? WHERE account_id = ?`,
        timeoutOf(c.toSeconds),
        c.accountId,
      );
      return;
    }
    case 'AccountUserNameChanged':
      tx.run(
        `UPDATE ${accounts} SET user_name_lower = ? WHERE account_id = ?`,
        String(data['to']).toLowerCase(),
        data['accountId'],
      );
      return;
    case 'AccountDisabled':
    case 'AccountEnabled':
      tx.run(
        `UPDATE ${accounts} SET enabled = ? WHERE account_id = ?`,
        type === 'AccountEnabled' ? 1 : 0,
        data['accountId'],
      );
      return;
    case 'OrganizationCreated': {
      const o = data as unknown as PublicOrganizationCreated;
      tx.run(
        `INSERT OR REPLACE INTO ${orgs} (org_id, two_factor_required, allowed_second_factors) VALUES (?, ?, ?)`,
        o.orgId,
        o.twoFactorRequired ? 1 : 0,
        JSON.stringify(o.allowedSecondFactors),
      );
      return;
    }
    case 'OrganizationTwoFactorRequirementChanged':
      tx.run(
        `UPDATE ${orgs} SET two_factor_required = ? WHERE org_id = ?`,
        data['to'] ? 1 : 0,
        data['orgId'],
      );
      return;
    case 'OrganizationAllowedSecondFactorsChanged':
      tx.run(
        `UPDATE ${orgs} SET allowed_second_factors = ? WHERE org_id = ?`,
        JSON.stringify(data['to']),
        data['orgId'],
      );
      return;
    case 'OrganizationAdministratorAdded':
      tx.run(
        `INSERT OR IGNORE INTO ${tx.table.profile_org_admins} (org_id, account_id) VALUES (?, ?)`,
        data['orgId'],
        data['accountId'],
      );
      return;
    case 'OrganizationAdministratorRemoved':
      tx.run(
        `DELETE FROM ${tx.table.profile_org_admins} WHERE org_id = ? AND account_id = ?`,
        data['orgId'],
        data['accountId'],
      );
      return;
  }
  const column = ACCOUNT_COLUMN[type];
  if (column)
    tx.run(
      `UPDATE ${accounts} SET ${column} = ? WHERE account_id = ?`,
      data['to'] ?? null,
      data['accountId'],
    );
}
