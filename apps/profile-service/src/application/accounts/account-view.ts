import type { AccountType, GroupRestriction, SessionTimeout } from '@accounts/contracts';
import { type Account, formatInTimeZone } from '../../domain';
import { inTimeZone, type LocalTimestamps, type Timestamps } from '../shared/local-times';

/** An account as the API shows it; the activation hash never appears. */
export interface AccountView extends LocalTimestamps {
  readonly id: string;
  readonly orgId: string;
  readonly userName: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly mobilePhone: string | null;
  readonly timeZone: string;
  readonly sessionTimeout: SessionTimeout;
  readonly accountType: AccountType;
  readonly groupRestriction: GroupRestriction;
  readonly enabled: boolean;
  /** A new address waiting for its link to be used; until then `email` is where codes go. */
  readonly pendingEmail: PendingEmailView | null;
}

export interface PendingEmailView {
  readonly email: string;
  readonly expiresAt: string;
  readonly expiresAtLocal: string;
}

export function toAccountView(
  account: Account,
  times: Timestamps,
  callerTimeZone: string,
): AccountView {
  return {
    id: account.accountId,
    orgId: account.orgId,
    userName: account.userName,
    firstName: account.firstName,
    lastName: account.lastName,
    email: account.email,
    mobilePhone: account.mobilePhone,
    timeZone: account.timeZone,
    sessionTimeout: account.sessionTimeout,
    accountType: account.accountType,
    groupRestriction: account.groupRestriction,
    enabled: account.status === 'enabled',
    pendingEmail: account.pendingEmail
      ? {
          email: account.pendingEmail.email,
          expiresAt: account.pendingEmail.expiresAt,
          expiresAtLocal: formatInTimeZone(account.pendingEmail.expiresAt, callerTimeZone),
        }
      : null,
    ...inTimeZone(times, callerTimeZone),
  };
}
