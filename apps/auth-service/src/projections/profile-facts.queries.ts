import type { AccountType, SecondFactor, SessionTimeout } from '@accounts/contracts';
import { Injectable } from '@nestjs/common';
import { ReadModels } from './read-models';

/** One account as auth-service knows it from profile events. */
export interface AccountFacts {
  readonly accountId: string;
  readonly orgId: string;
  readonly userName: string;
  readonly email: string;
  readonly mobilePhone: string | null;
  readonly accountType: AccountType;
  readonly enabled: boolean;
  readonly sessionTimeout: SessionTimeout;
  readonly activation: { readonly tokenSha256: string; readonly expiresAt: string } | null;
}

/** The facts a session's refresh decides and signs with. */
export type SessionAccountFacts = Pick<
  AccountFacts,
  'accountId' | 'orgId' | 'accountType' | 'enabled' | 'sessionTimeout'
>;

export interface OrgFacts {
  readonly twoFactorRequired: boolean;
  readonly allowedSecondFactors: readonly SecondFactor[];
}

export interface SessionRow {
  readonly session_id: string;
  readonly device: string;
  readonly ip: string | null;
  readonly started_at: string;
  readonly last_active_at: string;
}

type AccountRow = Record<string, string | number | null>;

// Profile facts come from public events (store or Kafka); the activation link from the store only.
const ACCOUNT_SELECT = `SELECT p.*, a.token_sha256 AS activation_token_sha256, a.expires_at AS activation_expires_at
  FROM profile_accounts p LEFT JOIN activation_links a ON a.account_id = p.account_id`;

const toAccount = (r: AccountRow): AccountFacts => ({
  accountId: String(r['account_id']),
  orgId: String(r['org_id']),
  userName: String(r['user_name_lower']),
  email: String(r['email']),
  mobilePhone: (r['mobile_phone'] as string | null) ?? null,
  accountType: r['account_type'] as AccountType,
  enabled: r['enabled'] === 1,
  sessionTimeout: r['session_timeout'] as SessionTimeout,
  activation: r['activation_token_sha256']
    ? {
        tokenSha256: String(r['activation_token_sha256']),
        expiresAt: String(r['activation_expires_at']),
      }
    : null,
});

@Injectable()
export class ProfileFacts {
  constructor(private readonly readModels: ReadModels) {}

  byUserName(userName: string): AccountFacts | null {
    const row = this.readModels.database.get<AccountRow>(
      `${ACCOUNT_SELECT} WHERE p.user_name_lower = ?`,
      userName.toLowerCase(),
    );
    return row ? toAccount(row) : null;
  }

  byId(accountId: string): AccountFacts | null {
    const row = this.readModels.database.get<AccountRow>(
      `${ACCOUNT_SELECT} WHERE p.account_id = ?`,
      accountId,
    );
    return row ? toAccount(row) : null;
  }

  /**
   * What a refresh needs of the account (no activation link, no contacts): one primary-key row of
   * profile_accounts instead of the join, on the hot path of every refresh.
   */
  sessionFactsById(accountId: string): SessionAccountFacts | null {
    const row = this.readModels.database.get<AccountRow>(
      'SELECT org_id, account_type, enabled, session_timeout FROM profile_accounts WHERE account_id = ?',
      accountId,
    );
    return row
      ? {
          accountId,
          orgId: String(row['org_id']),
          accountType: row['account_type'] as AccountType,
          enabled: row['enabled'] === 1,
          sessionTimeout: row['session_timeout'] as SessionTimeout,
        }
      : null;
  }

  /** Enabled accounts with this email address (an address may belong to several accounts). */
  enabledByEmail(email: string): AccountFacts[] {
    return this.readModels.database
      .all<AccountRow>(
        'SELECT * FROM profile_accounts WHERE lower(email) = lower(?) AND enabled = 1',
        email,
      )
      .map(toAccount);
  }

  byActivationHash(tokenSha256: string): AccountFacts | null {
    const row = this.readModels.database.get<AccountRow>(
      `${ACCOUNT_SELECT} WHERE a.token_sha256 = ?`,
      tokenSha256,
    );
    return row ? toAccount(row) : null;
  }

  organization(orgId: string): OrgFacts {
    const row = this.readModels.database.get<{
      two_factor_required: number;
      allowed_second_factors: string;
    }>('SELECT * FROM profile_orgs WHERE org_id = ?', orgId);
    // An org not seen yet: the strictest reading is not possible without data; require nothing extra.
    if (!row)
      return { twoFactorRequired: false, allowedSecondFactors: ['email', 'sms', 'authenticator'] };
    return {
      twoFactorRequired: row.two_factor_required === 1,
      allowedSecondFactors: JSON.parse(row.allowed_second_factors),
    };
  }

  isAdministrator(orgId: string, accountId: string): boolean {
    return !!this.readModels.database.get(
      'SELECT 1 FROM profile_org_admins WHERE org_id = ? AND account_id = ?',
      orgId,
      accountId,
    );
  }

  activeSessions(accountId: string): SessionRow[] {
    return this.readModels.database.all<SessionRow>(
      'SELECT * FROM sessions WHERE account_id = ? AND ended_at IS NULL ORDER BY started_at DESC',
      accountId,
    );
  }
}
