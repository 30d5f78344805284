import type { SecondFactor, SignInChallengeIssuedData, SignInEvent } from '@accounts/contracts';
import { type CommandContext, DomainError } from '@accounts/event-sourcing';
import { matchTrustedDevice } from '../authenticator/authenticator-queries';
import { signInFailed } from '../shared/sign-in-failed';
import { plusSeconds } from '../shared/time';
import { OneTimeCodePolicy } from '../values/auth-limits';
import { maskEmail, maskPhone } from '../values/mask-destination';
import { completedWithoutFactor } from './completion';
import type { SignInAccountFacts, StartSignIn } from './sign-in-commands';
import { signInRequirement } from './sign-in-requirement';
import type { SignInState } from './sign-in-state';

export const accountDisabled = () =>
  new DomainError(
    'forbidden',
    'AUTH-account-disabled',
    'This account is disabled: contact an administrator of your organization',
  );

export function decideStartSignIn(
  { data }: StartSignIn,
  state: SignInState,
  { now }: CommandContext,
): SignInEvent[] {
  // Not activated reads like a wrong password: nobody learns which accounts exist.
  if (!data.passwordVerified || data.authenticator.passwordHash === null) throw signInFailed();
  if (!data.account.enabled) throw accountDisabled();
  if (state.status !== 'none')
    throw new DomainError('conflict', 'AUTH-sign-in-exists', 'This sign-in already started');
  const flow = { signinId: data.signinId, accountId: data.accountId };
  const device = matchTrustedDevice(data.authenticator, data.trustedDeviceTokenSha256, now);
  const trustedDeviceId = device?.deviceId ?? null;
  const started: SignInEvent = {
    type: 'SignInStarted',
    data: {
      ...flow,
      method: data.authenticator.method,
      trustedDeviceId,
      ip: data.ip,
      userAgent: data.userAgent,
      startedAt: now.toISOString(),
    },
  };
  const next = signInRequirement(
    data.authenticator,
    data.account,
    data.organization,
    trustedDeviceId,
  );
  const issue = (challenge: SignInChallengeIssuedData): SignInEvent[] => [
    started,
    { type: 'SignInChallengeIssued', data: challenge },
  ];
  const base = { ...flow, issuedAt: now.toISOString() };
  switch (next.kind) {
    case 'none':
      return [started, completedWithoutFactor(flow, data.sessionId, null)];
    case 'trusted-device':
      return [started, completedWithoutFactor(flow, data.sessionId, next.deviceId)];
    case 'enroll':
      return issue({
        ...base,
        challenge: 'enroll-second-factor',
        reason: next.reason,
        sentTo: null,
        codeSha256: null,
        expiresAt: plusSeconds(now, OneTimeCodePolicy.enrollmentLifetimeSeconds),
        maxAttempts: 0,
      });
    case 'challenge':
      return issue({
        ...base,
        challenge: next.factor,
        reason: null,
        sentTo: maskedDestination(next.factor, data.account),
        codeSha256: next.factor === 'authenticator' ? null : data.codeSha256,
        expiresAt: plusSeconds(now, OneTimeCodePolicy.lifetimeSeconds),
        maxAttempts: OneTimeCodePolicy.maxAttempts,
      });
  }
}

function maskedDestination(factor: SecondFactor, account: SignInAccountFacts): string | null {
  if (factor === 'email') return maskEmail(account.email);
  if (factor === 'sms' && account.mobilePhone) return maskPhone(account.mobilePhone);
  return null;
}
