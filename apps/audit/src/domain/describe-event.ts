import type {
  AccountDisabledData,
  AccountRegisteredData,
  ApiCredentialGeneratedData,
  ApiCredentialRevokedData,
  AuthenticatorResetData,
  Change,
  ContactVerificationFailedData,
  ContactVerificationStartedData,
  SessionEndedData,
  SessionStartedData,
  SignInAttemptFailedData,
  SignInChallengeCodeFailedData,
  SignInChallengeIssuedData,
  SignInChallengePassedData,
  SignInCompletedData,
  SignInStartedData,
  TrustedDeviceAddedData,
} from '@accounts/contracts';
import { credentialInWords, type Names } from './names';
import { timeInZone } from './time-in-zone';
import {
  factorInWords,
  groupRestrictionInWords,
  methodInWords,
  sessionEndInWords,
  valueInWords,
} from './words';

/** The part of an envelope a sentence needs. */
export interface DescribableEvent {
  readonly type: string;
  readonly data: unknown;
}

/** `at` shows an instant of the event's data in the reader's zone, like the time of the entry itself. */
type Describe = (data: never, names: Names, at: (instant: string) => string) => string;

const change =
  (label: string, words: (value: never) => string = valueInWords) =>
  (data: Change<never>) =>
    `${label} ${words(data.from)} → ${words(data.to)}`;

const idleTimeout = (seconds: number | null): string =>
  seconds === null
    ? 'never'
    : seconds % 3600 === 0
      ? `${seconds / 3600} h`
      : `${Math.round(seconds / 60)} min`;

const device = (names: Names, deviceId: string): string => {
  const label = names.deviceLabelOf(deviceId);
  return label ? `"${label}"` : deviceId;
};

/**
 * One sentence per event type, old → new where something changed. Secrets are never in events, and
 * hashes (of codes, tokens, passwords) are deliberately left out of the sentences too.
 */
const SENTENCES: Record<string, Describe> = {
  AccountRegistered: (d: AccountRegisteredData) =>
    `account created: user name ${d.userName}, ${d.firstName} ${d.lastName}, email ${d.email}, ` +
    `mobile phone ${valueInWords(d.mobilePhone)}, account type ${d.accountType}, time zone ${d.timeZone}`,
  AccountUserNameChanged: change('user name'),
  AccountFirstNameChanged: change('first name'),
  AccountLastNameChanged: change('last name'),
  AccountEmailChanged: (d: Change<string> & { requestId?: string }) =>
    `${change('email')(d as Change<never>)}${d.requestId ? ' (confirmed with the link sent to the new address)' : ''}`,
  AccountEmailChangeRequested: (d: { email: string; expiresAt: string }) =>
    `email change to ${d.email} requested: waiting for the link sent there (valid until ${d.expiresAt})`,
  AccountEmailChangeCancelled: () => 'pending email change cancelled',
  AccountMobilePhoneChanged: change('mobile phone'),
  AccountTimeZoneChanged: change('time zone'),
  AccountSessionTimeoutChanged: change('session timeout'),
  AccountTypeChanged: change('account type'),
  AccountGroupRestrictionChanged: change('group restriction', groupRestrictionInWords),
  AccountDisabled: (d: AccountDisabledData) =>
    `account disabled${d.reason ? ` (${d.reason})` : ''}`,
  AccountEnabled: () => 'account enabled',
  UserNameReserved: (d: { userName: string }) => `user name ${d.userName} reserved`,
  UserNameReleased: (d: { userName: string }) => `user name ${d.userName} released`,
  PasswordSet: () => 'first password set (account activated)',
  PasswordChanged: (d: { endOtherSessions: boolean }) =>
    `password changed${d.endOtherSessions ? '; other sessions ended' : ''}`,
  PasswordRehashed: () => 'password hashed again with the current parameters',
  AuthenticationMethodChanged: change('sign-in method', methodInWords),
  ContactVerificationStarted: (d: ContactVerificationStartedData) =>
    `verification code sent to ${d.channel === 'email' ? 'email' : 'mobile phone'} ${d.destination}`,
  ContactVerificationFailed: (d: ContactVerificationFailedData) =>
    `wrong ${d.channel === 'email' ? 'email' : 'SMS'} verification code (${d.attemptsLeft} attempts left)`,
  EmailVerified: (d: { email: string }) => `email ${d.email} verified`,
  PhoneVerified: (d: { mobilePhone: string }) => `mobile phone ${d.mobilePhone} verified`,
  AuthenticatorEnrollmentStarted: (d: { method: string }) =>
    `authenticator app set-up started (for ${methodInWords(d.method)})`,
  AuthenticatorEnrolled: (d: { method: string }) =>
    `authenticator app set up; sign-in method ${methodInWords(d.method)}`,
  AuthenticatorReset: (d: AuthenticatorResetData, names) =>
    `authenticator app reset by administrator ${names.userNameOf(d.by) ?? d.by}: ${d.reason}`,
  TrustedDeviceAdded: (d: TrustedDeviceAddedData, _names, at) =>
    `computer "${d.label}" trusted${d.ip ? ` (ip ${d.ip})` : ''} until ${at(d.expiresAt)}`,
  TrustedDeviceRevoked: (d: { deviceId: string }, names) =>
    `trusted computer ${device(names, d.deviceId)} removed`,
  SignInStarted: (d: SignInStartedData, names) =>
    `password accepted (sign-in method ${methodInWords(d.method)}) on ${
      d.trustedDeviceId
        ? `trusted computer ${device(names, d.trustedDeviceId)}`
        : 'an unrecognized computer'
    }`,
  SignInChallengeIssued: (d: SignInChallengeIssuedData) =>
    d.challenge === 'enroll-second-factor'
      ? `second factor must be set up first (${d.reason ?? 'required'})`
      : `second factor asked: ${factorInWords(d.challenge)}${d.sentTo ? ` sent to ${d.sentTo}` : ''}`,
  SignInChallengeCodeResent: (d: { resends: number }) => `code sent again (resend ${d.resends})`,
  SignInChallengeCodeFailed: (d: SignInChallengeCodeFailedData) =>
    `${d.reason === 'replayed' ? 'code already used' : 'wrong code'} (${d.attemptsLeft} attempts left)`,
  SignInChallengePassed: (d: SignInChallengePassedData) =>
    `second factor passed: ${factorInWords(d.factor)}${d.by === 'enrollment' ? ' (set up during sign-in)' : ''}`,
  SignInCompleted: (d: SignInCompletedData, names) =>
    `signed in (${d.amr.join(', ')})${d.trustedDeviceId ? ` on trusted computer ${device(names, d.trustedDeviceId)}` : ''}${
      d.newTrustedDeviceId ? '; this computer is now trusted' : ''
    }`,
  SignInAttemptFailed: (d: SignInAttemptFailedData, _names, at) =>
    `sign-in failed: wrong ${factorInWords(d.factor)} (${d.guard.consecutiveFailures} in a row)${
      d.guard.lockedUntil ? `; locked until ${at(d.guard.lockedUntil)}` : ''
    }`,
  SignInSucceeded: () => 'sign-in succeeded; failed attempts cleared',
  TotpCodeAccepted: () => 'authenticator code accepted',
  TotpCodeReplayed: () => 'authenticator code used a second time: refused',
  SessionStarted: (d: SessionStartedData) =>
    `session started (idle timeout ${idleTimeout(d.idleTimeoutSeconds)})`,
  SessionRefreshed: () => 'session refreshed',
  SessionEnded: (d: SessionEndedData) => `session ended: ${sessionEndInWords(d.reason)}`,
  ApiCredentialGenerated: (d: ApiCredentialGeneratedData, names, at) =>
    `API credential ${credentialInWords(names, d.credentialId, d.clientId)} generated${
      d.expiresAt ? `, expires ${at(d.expiresAt)}` : ', never expires'
    }`,
  ApiCredentialRegenerated: (d: { credentialId: string }, names) =>
    `API credential ${credentialInWords(names, d.credentialId)} regenerated`,
  ApiCredentialRevoked: (d: ApiCredentialRevokedData, names) =>
    `API credential ${credentialInWords(names, d.credentialId)} revoked${
      d.reason === 'removed-by-administrator' ? ' by an administrator' : ''
    }`,
};

/**
 * What changed, as a sentence, every instant in it shown in `timeZone` (an IANA name the caller
 * checked); an event type this version does not know is named as it is.
 */
export function describeEvent(event: DescribableEvent, names: Names, timeZone = 'UTC'): string {
  const describe = SENTENCES[event.type];
  if (!describe) return event.type;
  try {
    return describe(event.data as never, names, (instant) => timeInZone(instant, timeZone));
  } catch {
    // A payload of an older shape must not hide the rest of the history.
    return event.type;
  }
}
