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
/**
 * The address of the account (where email codes and notices go) changed. `requestId` is present when
 * the new address was confirmed with the link sent to it (AccountEmailChangeRequested), absent in
 * events written before confirmation existed.
 */
export interface AccountEmailChangedData extends AccountChange<string> {
  readonly requestId?: string;
}

/**
 * The person asked to change the address: nothing changes until the link mailed to `email` is used.
 * The token is NEVER in the event: it is HMAC(ACTIVATION_LINK_KEY, email-change:<accountId>:<requestId>),
 * rebuilt by auth-service's notices reactor to mail it; the event keeps only its SHA-256. A newer
 * request replaces this one. Personal data of an unproven address: not published.
 */
export interface AccountEmailChangeRequestedData {
  readonly accountId: string;
  readonly email: string;
  readonly requestId: string;
  /** Lowercase hex SHA-256 of the token. */
  readonly tokenSha256: string;
  /** ISO-8601 UTC instant after which the link no longer works. */
  readonly expiresAt: string;
}

/** The pending change was withdrawn by the person (DELETE /accounts/me/email/pending). */
export interface AccountEmailChangeCancelledData {
  readonly accountId: string;
  readonly requestId: string;
}
/** E.164 or null (no phone). */
export type AccountMobilePhoneChangedData = AccountChange<string | null>;
export type AccountTimeZoneChangedData = AccountChange<string>;
export type AccountSessionTimeoutChangedData = AccountChange<SessionTimeout>;
export type AccountTypeChangedData = AccountChange<AccountType>;
export type AccountGroupRestrictionChangedData = AccountChange<GroupRestriction>;

/** Other services react: sessions end, API credentials stop working. */
export interface AccountDisabledData {
  readonly accountId: string;
  readonly reason?: string;
}

export interface AccountEnabledData {
  readonly accountId: string;
}

export type AccountRegistered = ProfileEventOf<'AccountRegistered', AccountRegisteredData>;
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
export type AccountEmailChanged = ProfileEventOf<'AccountEmailChanged', AccountEmailChangedData>;
export type AccountEmailChangeRequested = ProfileEventOf<
  'AccountEmailChangeRequested',
  AccountEmailChangeRequestedData
>;
export type AccountEmailChangeCancelled = ProfileEventOf<
  'AccountEmailChangeCancelled',
  AccountEmailChangeCancelledData
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
export type AccountTypeChanged = ProfileEventOf<'AccountTypeChanged', AccountTypeChangedData>;
export type AccountGroupRestrictionChanged = ProfileEventOf<
  'AccountGroupRestrictionChanged',
  AccountGroupRestrictionChangedData
>;
export type AccountDisabled = ProfileEventOf<'AccountDisabled', AccountDisabledData>;
/** An administrator sent a new activation link: the previous one stops working (only the newest hash is kept). */
export interface AccountActivationReissuedData {
  readonly accountId: string;
  readonly activation: AccountRegisteredData['activation'];
}
export type AccountActivationReissued = ProfileEventOf<
  'AccountActivationReissued',
  AccountActivationReissuedData
>;

export type AccountEnabled = ProfileEventOf<'AccountEnabled', AccountEnabledData>;

export type AccountEvent =
  | AccountRegistered
  | AccountUserNameChanged
  | AccountFirstNameChanged
  | AccountLastNameChanged
  | AccountEmailChanged
  | AccountEmailChangeRequested
  | AccountEmailChangeCancelled
  | AccountMobilePhoneChanged
  | AccountTimeZoneChanged
  | AccountSessionTimeoutChanged
  | AccountTypeChanged
  | AccountGroupRestrictionChanged
  | AccountDisabled
  | AccountEnabled
  | AccountActivationReissued;
