import type { AccountType, GroupRestriction } from './account-types';
import type { Change, ProfileEventOf } from './event-shape';
import type { SessionTimeout } from './session-timeouts';

/** Stream `account-<accountId>`. Personal data (names, email, phone) appears only in these events. */
export interface AccountRegisteredData {
  readonly accountId: string;
  readonly orgId: string;
  readonly userName: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  /** E.164, e.g. +33612345678; null when none was given. */
  readonly mobilePhone: string | null;
  /** IANA zone name, e.g. Europe/Paris. */
  readonly timeZone: string;
  readonly sessionTimeout: SessionTimeout;
  readonly accountType: AccountType;
  readonly groupRestriction: GroupRestriction;
  /**
   * What auth-service needs to accept the activation link. The token itself is NEVER in an event:
   * profile-service derives it (see linkId), auth-service's notices reactor emails it, and the event
   * keeps only the lowercase hex SHA-256 of the token and the instant it stops working (ISO-8601 UTC).
   */
  readonly activation: {
    readonly tokenSha256: string;
    readonly expiresAt: string;
    /**
     * The token is HMAC(ACTIVATION_LINK_KEY, activation:<accountId>:<linkId>), so the notifier holding
     * that key rebuilds the link to email it. Absent in events written before links were derived.
     */
    readonly linkId?: string;
  };
}

interface AccountChange<Value> extends Change<Value> {
  readonly accountId: string;
}

export type AccountUserNameChangedData = AccountChange<string>;
export type AccountFirstNameChangedData = AccountChange<string>;
export type AccountLastNameChangedData = AccountChange<string>;
export type AccountEmailChangedData = AccountChange<string>;
/** E.164 or null (no phone). */
export type AccountMobilePhoneChangedData = AccountChange<string | null>;
export type AccountTimeZoneChangedData = AccountChange<string>;
export type AccountSessionTimeoutChangedData = AccountChange<SessionTimeout>;
export type AccountTypeChangedData = AccountChange<AccountType>;
export type AccountGroupRestrictionChangedData =
  AccountChange<GroupRestriction>;

/** Other services react: sessions end, API credentials stop working. */
export interface AccountDisabledData {
  readonly accountId: string;
  readonly reason?: string;
}

export interface AccountEnabledData {
  readonly accountId: string;
}

export type AccountRegistered = ProfileEventOf<
  'AccountRegistered',
  AccountRegisteredData
>;
export type AccountUserNameChanged = ProfileEventOf<
  'AccountUserNameChanged',
  AccountUserNameChangedData
>;
export type AccountFirstNameChanged = ProfileEventOf<
  'AccountFirstNameChanged',
  AccountFirstNameChangedData
>;
export type AccountLastNameChanged = ProfileEventOf<
  'AccountLastNameChanged',
  AccountLastNameChangedData
>;
export type AccountEmailChanged = ProfileEventOf<
  'AccountEmailChanged',
  AccountEmailChangedData
>;
export type AccountMobilePhoneChanged = ProfileEventOf<
  'AccountMobilePhoneChanged',
  AccountMobilePhoneChangedData
>;
export type AccountTimeZoneChanged = ProfileEventOf<
  'AccountTimeZoneChanged',
  AccountTimeZoneChangedData
>;
export type AccountSessionTimeoutChanged = ProfileEventOf<
  'AccountSessionTimeoutChanged',
  AccountSessionTimeoutChangedData
>;
export type AccountTypeChanged = ProfileEventOf<
  'AccountTypeChanged',
  AccountTypeChangedData
>;
export type AccountGroupRestrictionChanged = ProfileEventOf<
  'AccountGroupRestrictionChanged',
  AccountGroupRestrictionChangedData
>;
export type AccountDisabled = ProfileEventOf<
  'AccountDisabled',
  AccountDisabledData
>;
/** An administrator sent a new activation link: the previous one stops working (only the newest hash is kept). */
export interface AccountActivationReissuedData {
  readonly accountId: string;
  readonly activation: AccountRegisteredData['activation'];
}
export type AccountActivationReissued = ProfileEventOf<
  'AccountActivationReissued',
  AccountActivationReissuedData
>;

export type AccountEnabled = ProfileEventOf<
  'AccountEnabled',
  AccountEnabledData
>;

export type AccountEvent =
  | AccountRegistered
  | AccountUserNameChanged
  | AccountFirstNameChanged
  | AccountLastNameChanged
  | AccountEmailChanged
  | AccountMobilePhoneChanged
  | AccountTimeZoneChanged
  | AccountSessionTimeoutChanged
  | AccountTypeChanged
  | AccountGroupRestrictionChanged
  | AccountDisabled
  | AccountEnabled
  | AccountActivationReissued;
