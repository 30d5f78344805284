import { AuthenticationMethods } from '../profile/authentication-methods';
import { SecondFactors } from '../profile/second-factors';
import { Topics } from '../topics';
import {
  bool,
  instant,
  integer,
  listOf,
  object,
  oneOfValues,
  orNull,
  seconds,
  text,
  type JsonSchema,
} from './json-schema';
import type { PublicEventContract } from './public-event';

/**
 * Public events of accounts.authentication.v2, all keyed by accountId. What they never hold: password
 * hashes, TOTP secrets (encrypted or not), code or token hashes, the sign-in guard's counters and TOTP
 * time steps. ip and user agent are in the metadata, once.
 */
const accountId = text('The account');
const signinId = text('The sign-in flow');
const sessionId = text('The session');
const method = oneOfValues(AuthenticationMethods);
const factor = oneOfValues(SecondFactors);
const channel = oneOfValues(['email', 'sms']);

const contract = (
  type: string,
  summary: string,
  data: Record<string, JsonSchema>,
): PublicEventContract => ({
  type,
  schemaVersion: 1,
  topic: Topics.authentication,
  key: 'accountId',
  summary,
  data: object({ accountId, ...data }),
});

export const AuthenticationPublicContracts = {
  PasswordChanged: contract(
    'PasswordChanged',
    'The password was set (activation), changed by its owner, or set again with a reset link.',
    {
      changedAt: instant(),
      by: oneOfValues(
        ['activation', 'user', 'reset'],
        'activation: the first password, set with the activation link; reset: with a password-reset link (every session ended)',
      ),
      endOtherSessions: bool('The user asked to end their other sessions'),
    },
  ),
  AuthenticationMethodChanged: contract(
    'AuthenticationMethodChanged',
    'The sign-in method changed.',
    {
      from: method,
      to: method,
    },
  ),
  ContactVerificationStarted: contract(
    'ContactVerificationStarted',
    'A code was sent to confirm the e-mail address or the mobile phone.',
    { channel, expiresAt: instant() },
  ),
  ContactVerificationFailed: contract(
    'ContactVerificationFailed',
    'A wrong confirmation code was entered.',
    {
      channel,
      failedAttempts: integer(1),
      attemptsLeft: integer(0),
    },
  ),
  EmailVerified: contract('EmailVerified', 'The e-mail address was confirmed with a code.', {
    email: text(),
    verifiedAt: instant(),
  }),
  PhoneVerified: contract('PhoneVerified', 'The mobile phone was confirmed with a code.', {
    mobilePhone: text(),
    verifiedAt: instant(),
  }),
  AuthenticatorEnrollmentStarted: contract(
    'AuthenticatorEnrollmentStarted',
    'An authenticator app is being set up; the method changes once a code from it is confirmed.',
    { method },
  ),
  AuthenticatorEnrolled: contract('AuthenticatorEnrolled', 'An authenticator app was confirmed.', {
    method,
    enrolledAt: instant(),
  }),
  AuthenticatorReset: contract(
    'AuthenticatorReset',
    'An administrator (metadata.actor) cleared a lost authenticator; the user enrolls again at next sign-in.',
    { reason: text() },
  ),
  TrustedDeviceAdded: contract(
    'TrustedDeviceAdded',
    'A computer passed the second factor and is trusted until expiresAt.',
    {
      deviceId: text(),
      label: text('e.g. "Firefox on Windows"'),
      addedAt: instant(),
      expiresAt: instant(),
    },
  ),
  TrustedDeviceRevoked: contract('TrustedDeviceRevoked', 'A trusted computer was removed.', {
    deviceId: text(),
    reason: oneOfValues(['user']),
  }),
  SignInStarted: contract('SignInStarted', 'A password was verified: a sign-in flow starts.', {
    signinId,
    method,
    trustedDeviceId: orNull(
      text('The trusted computer presented, or null (unrecognized computer)'),
    ),
    startedAt: instant(),
  }),
  SignInChallengeIssued: contract(
    'SignInChallengeIssued',
    'The sign-in asks for a second factor (or to set one up).',
    {
      signinId,
      challenge: oneOfValues([...SecondFactors, 'enroll-second-factor']),
      reason: orNull(
        oneOfValues([
          'organization-requires-two-factor',
          'authenticator-not-enrolled',
          'email-not-verified',
          'phone-not-verified',
        ]),
      ),
      sentTo: orNull(text('Masked destination of an e-mail or SMS code')),
      issuedAt: instant(),
      expiresAt: instant(),
      maxAttempts: integer(1),
    },
  ),
  SignInChallengeCodeResent: contract(
    'SignInChallengeCodeResent',
    'A new code replaced the previous one.',
    {
      signinId,
      expiresAt: instant(),
      resends: integer(1),
    },
  ),
  SignInChallengeCodeFailed: contract(
    'SignInChallengeCodeFailed',
    'A wrong or replayed code was entered.',
    {
      signinId,
      reason: oneOfValues(['wrong', 'replayed']),
      failedAttempts: integer(1),
      attemptsLeft: integer(0),
    },
  ),
  SignInChallengePassed: contract('SignInChallengePassed', 'The second factor was proven.', {
    signinId,
    factor,
    by: oneOfValues(['code', 'enrollment', 'recovery-code']),
  }),
  SignInCompleted: contract(
    'SignInCompleted',
    'Tokens were issued: the session sessionId starts.',
    {
      signinId,
      sessionId,
      amr: listOf(text(), 'RFC 8176 method references'),
      trustedDeviceId: orNull(text()),
      newTrustedDeviceId: orNull(text()),
    },
  ),
  SignInAttemptFailed: contract(
    'SignInAttemptFailed',
    'A wrong password or code; lockedUntil says whether the account is now locked.',
    {
      signinId: orNull(text('null for a wrong password (no flow starts)')),
      factor: oneOfValues(['password', ...SecondFactors]),
      failedAt: instant(),
      lockedUntil: orNull(instant('Every attempt is refused until then')),
    },
  ),
  SignInSucceeded: contract('SignInSucceeded', 'A sign-in ended with tokens.', {
    signinId: orNull(text()),
    succeededAt: instant(),
  }),
  TotpCodeReplayed: contract(
    'TotpCodeReplayed',
    'An authenticator code already used was presented again, and refused.',
    {
      signinId: orNull(text()),
      failedAt: instant(),
    },
  ),
  SessionStarted: contract('SessionStarted', 'A signed-in session started.', {
    sessionId,
    orgId: text(),
    signinId,
    amr: listOf(text()),
    idleTimeoutSeconds: seconds('Idle time after which the session ends'),
    startedAt: instant(),
    absoluteExpiresAt: instant('However active, the session ends then'),
  }),
  SessionRefreshed: contract('SessionRefreshed', 'The session was used (tokens refreshed).', {
    sessionId,
    refreshedAt: instant(),
    idleTimeoutSeconds: seconds('Idle timeout in force'),
  }),
  SessionEnded: contract('SessionEnded', 'The session ended.', {
    sessionId,
    reason: oneOfValues([
      'logout',
      'revoked',
      'idle-timeout',
      'absolute-limit',
      'refresh-token-reused',
      'account-disabled',
      'password-changed',
    ]),
    endedAt: instant(),
  }),
} as const satisfies Record<string, PublicEventContract>;
