import type { AuditEvent } from '../audit/audit-events';
import type { AuthenticationEvent } from '../authentication/authentication-event-types';
import type { CredentialsEvent } from '../credentials/api-credential-events';
import type { EventEnvelope } from '../envelope';
import type { ProfileStoreEvent } from './profile-publication';

/**
 * One internal event of every type, with realistic credential material where the type has some, so
 * that tests prove the publication drops it. Typed per type: a new internal type must get a sample.
 */
type Samples<E extends { type: string; data: unknown }> = {
  readonly [T in E['type']]: Extract<E, { type: T }>['data'];
};

const A = 'acc-1';
const O = 'org-1';
const AT = '2026-12-01T10:00:00.000Z';
const LATER = '2026-12-04T10:00:00.000Z';
const HEX = 'ab'.repeat(32);
const ARGON = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo';
const guard = {
  consecutiveFailures: 2,
  lockedUntil: null,
  recentFailures: [AT],
  lastTotpStep: 58_000_000,
};

export const ProfileSamples: Samples<ProfileStoreEvent> = {
  OrganizationCreated: {
    orgId: O,
    name: 'Acme',
    twoFactorRequired: false,
    emailEditableByUsers: true,
    allowedSecondFactors: ['email', 'authenticator'],
  },
  OrganizationRenamed: { orgId: O, from: 'Acme', to: 'Acme Ltd' },
  OrganizationTwoFactorRequirementChanged: { orgId: O, from: false, to: true },
  OrganizationEmailEditingChanged: { orgId: O, from: true, to: false },
  OrganizationAllowedSecondFactorsChanged: {
    orgId: O,
    from: ['email'],
    to: ['email', 'sms'],
  },
  OrganizationAdministratorAdded: { orgId: O, accountId: A },
  OrganizationAdministratorRemoved: {
    orgId: O,
    accountId: A,
    reason: 'demoted',
  },
  AccountRegistered: {
    accountId: A,
    orgId: O,
    userName: 'alice',
    firstName: 'Alice',
    lastName: 'Admin',
    email: 'alice@example.com',
    mobilePhone: '+33612345678',
    timeZone: 'Europe/Paris',
    sessionTimeout: '30m',
    accountType: 'administrator',
    groupRestriction: { kind: 'groups', groups: ['lab', 'ops'] },
    activation: { tokenSha256: HEX, expiresAt: LATER },
  },
  AccountUserNameChanged: { accountId: A, from: 'alice', to: 'alice2' },
  AccountActivationReissued: {
    accountId: A,
    activation: { linkId: 'link-2', tokenSha256: HEX, expiresAt: LATER },
  },
  AccountFirstNameChanged: { accountId: A, from: 'Alice', to: 'Alicia' },
  AccountLastNameChanged: { accountId: A, from: 'Admin', to: 'Smith' },
  AccountEmailChanged: {
    accountId: A,
    from: 'alice@example.com',
    to: 'a@example.com',
    requestId: 'request-1',
  },
  AccountEmailChangeRequested: {
    accountId: A,
    email: 'a@example.com',
    requestId: 'request-1',
    tokenSha256: HEX,
    expiresAt: LATER,
  },
  AccountEmailChangeCancelled: { accountId: A, requestId: 'request-1' },
  AccountMobilePhoneChanged: { accountId: A, from: '+33612345678', to: null },
  AccountTimeZoneChanged: { accountId: A, from: 'Europe/Paris', to: 'UTC' },
  AccountSessionTimeoutChanged: { accountId: A, from: '30m', to: 'never' },
  AccountTypeChanged: { accountId: A, from: 'administrator', to: 'standard' },
  AccountGroupRestrictionChanged: {
    accountId: A,
    from: { kind: 'all' },
    to: { kind: 'groups', groups: ['lab'] },
  },
  AccountDisabled: { accountId: A, reason: 'left the company' },
  AccountEnabled: { accountId: A },
  UserNameReserved: { userName: 'alice', accountId: A },
  UserNameReleased: { userName: 'alice', accountId: A },
  FirstOrganizationClaimed: { orgId: O },
};

export const AuthenticationSamples: Samples<AuthenticationEvent> = {
  PasswordSet: { accountId: A, passwordHash: ARGON },
  PasswordChanged: {
    accountId: A,
    passwordHash: ARGON,
    endOtherSessions: true,
  },
  PasswordRehashed: { accountId: A, passwordHash: ARGON },
  PasswordResetRequested: {
    accountId: A,
    resetId: 'reset-1',
    tokenSha256: HEX,
    requestedAt: AT,
    expiresAt: LATER,
  },
  PasswordReset: { accountId: A, resetId: 'reset-1', passwordHash: ARGON },
  RecoveryCodesGenerated: {
    accountId: A,
    setId: 'set-1',
    codeSha256s: [HEX, HEX],
    generatedAt: AT,
  },
  RecoveryCodeUsed: {
    accountId: A,
    setId: 'set-1',
    codeIndex: 0,
    signinId: 'signin-1',
    remaining: 9,
  },
  NoticePreferenceChanged: { accountId: A, notice: 'new-sign-in', enabled: false },
  AuthenticationMethodChanged: {
    accountId: A,
    from: 'password',
    to: 'authenticator-every-time',
  },
  ContactVerificationStarted: {
    accountId: A,
    channel: 'sms',
    destination: '+33612345678',
    codeSha256: HEX,
    expiresAt: LATER,
  },
  ContactVerificationFailed: {
    accountId: A,
    channel: 'sms',
    failedAttempts: 1,
    attemptsLeft: 4,
  },
  EmailVerified: { accountId: A, email: 'alice@example.com', verifiedAt: AT },
  PhoneVerified: { accountId: A, mobilePhone: '+33612345678', verifiedAt: AT },
  AuthenticatorEnrollmentStarted: {
    accountId: A,
    encryptedSecret: 'v1.bm9uY2Vub25jZTEy.dGFndGFndGFndGFndGFn.Ym9keQ',
    method: 'authenticator',
  },
  AuthenticatorEnrolled: {
    accountId: A,
    method: 'authenticator',
    enrolledAt: AT,
  },
  AuthenticatorReset: { accountId: A, by: 'admin-1', reason: 'lost phone' },
  TrustedDeviceAdded: {
    accountId: A,
    deviceId: 'dev-1',
    tokenSha256: HEX,
    label: 'Firefox on Linux',
    ip: '127.0.0.1',
    addedAt: AT,
    expiresAt: LATER,
  },
  TrustedDeviceRevoked: { accountId: A, deviceId: 'dev-1', reason: 'user' },
  SignInStarted: {
    signinId: 'si-1',
    accountId: A,
    method: 'email',
    trustedDeviceId: null,
    ip: '127.0.0.1',
    userAgent: 'Firefox',
    startedAt: AT,
  },
  SignInChallengeIssued: {
    signinId: 'si-1',
    accountId: A,
    challenge: 'email',
    reason: null,
    sentTo: 'a***e@example.com',
    codeSha256: HEX,
    issuedAt: AT,
    expiresAt: LATER,
    maxAttempts: 5,
  },
  SignInChallengeCodeResent: {
    signinId: 'si-1',
    accountId: A,
    codeSha256: HEX,
    expiresAt: LATER,
    resends: 1,
  },
  SignInChallengeCodeFailed: {
    signinId: 'si-1',
    accountId: A,
    reason: 'wrong',
    failedAttempts: 1,
    attemptsLeft: 4,
  },
  SignInChallengePassed: {
    signinId: 'si-1',
    accountId: A,
    factor: 'email',
    by: 'code',
  },
  SignInCompleted: {
    signinId: 'si-1',
    accountId: A,
    sessionId: 'se-1',
    amr: ['pwd', 'mfa', 'email'],
    trustedDeviceId: null,
    newTrustedDeviceId: 'dev-1',
  },
  SignInAttemptFailed: {
    accountId: A,
    signinId: null,
    guard: { ...guard, lockedUntil: LATER },
    factor: 'password',
    failedAt: AT,
  },
  SignInSucceeded: { accountId: A, signinId: 'si-1', guard, succeededAt: AT },
  TotpCodeAccepted: {
    accountId: A,
    signinId: 'si-1',
    guard,
    timeStep: 58_000_001,
  },
  TotpCodeReplayed: {
    accountId: A,
    signinId: 'si-1',
    guard,
    timeStep: 58_000_001,
    failedAt: AT,
  },
  SessionStarted: {
    sessionId: 'se-1',
    accountId: A,
    orgId: O,
    signinId: 'si-1',
    refreshTokenSha256: HEX,
    amr: ['pwd'],
    ip: '127.0.0.1',
    userAgent: 'Firefox',
    idleTimeoutSeconds: 1800,
    startedAt: AT,
    absoluteExpiresAt: LATER,
  },
  SessionRefreshed: {
    sessionId: 'se-1',
    accountId: A,
    refreshTokenSha256: HEX,
    refreshedAt: AT,
    idleTimeoutSeconds: null,
  },
  SessionEnded: {
    sessionId: 'se-1',
    accountId: A,
    reason: 'logout',
    endedAt: AT,
  },
};

export const CredentialsSamples: Samples<CredentialsEvent> = {
  ApiCredentialGenerated: {
    accountId: A,
    credentialId: 'cr-1',
    clientId: 'aci_abc',
    name: 'ci',
    expiresAt: null,
    secretHash: 'hmac-sha256:c2VjcmV0',
  },
  ApiCredentialRegenerated: {
    accountId: A,
    credentialId: 'cr-1',
    secretHash: 'hmac-sha256:bmV3',
  },
  ApiCredentialRevoked: {
    accountId: A,
    credentialId: 'cr-1',
    reason: 'removed-by-owner',
  },
};

export const AuditSamples: Samples<AuditEvent> = {
  AuditSealed: {
    fromPosition: 0,
    toPosition: 12,
    count: 11,
    previousHash: '0'.repeat(64),
    hash: 'cd'.repeat(32),
    positions: [
      [1, 5],
      [7, 12],
    ],
    fingerprints: Buffer.alloc(11 * 8, 7).toString('base64'),
  },
};

/** A stored envelope around a sample, with the metadata copies (orgId, ip, userAgent) the store keeps. */
export function storedSample(type: string, data: unknown, position = 7): EventEnvelope {
  return {
    eventId: `evt-${type}`,
    type,
    schemaVersion: 1,
    streamId: `stream-${type}`,
    revision: 3,
    position,
    occurredAt: AT,
    data,
    metadata: {
      correlationId: 'corr-1',
      causationId: 'cause-1',
      actor: { kind: 'user', accountId: A },
      orgId: O,
      ip: '127.0.0.1',
      userAgent: 'Firefox',
    },
  };
}
