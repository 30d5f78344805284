import {
  type AuthenticationMethod,
  type AuthenticatorEvent,
  secondFactorOf,
} from '@accounts/contracts';
import { type CommandContext, DomainError, invalid } from '@accounts/event-sourcing';
import { parseAuthenticationMethod } from '../values/authentication-method';
import type { ChangeMethod, ConfirmAuthenticator } from './authenticator-commands';
import { isContactVerified } from './authenticator-queries';
import type { AuthenticatorState } from './authenticator-state';

/** True when choosing `method` starts an enrollment, so the handler must generate a TOTP secret. */
export const needsAuthenticatorEnrollment = (
  state: AuthenticatorState,
  method: AuthenticationMethod,
): boolean => secondFactorOf(method) === 'authenticator' && state.totp === null;

export function decideChangeMethod(
  { data }: ChangeMethod,
  state: AuthenticatorState,
): AuthenticatorEvent[] {
  const method = parseAuthenticationMethod(data.method);
  const factor = secondFactorOf(method);
  if (factor === null && data.organization.twoFactorRequired)
    throw new DomainError(
      'forbidden',
      'AUTH-method-two-factor-required',
      'Your organization requires two-factor authentication: choose an email, SMS or authenticator method',
      { reason: 'organization-requires-two-factor' },
    );
  if (factor !== null && !data.organization.allowedSecondFactors.includes(factor))
    throw new DomainError(
      'forbidden',
      'AUTH-method-factor-not-allowed',
      `Your organization does not allow ${factor} as a second factor`,
      { allowedSecondFactors: data.organization.allowedSecondFactors },
    );
  if (factor === 'email' && !isContactVerified(state, 'email', data.contacts))
    throw new DomainError(
      'forbidden',
      'AUTH-method-email-not-verified',
      'Verify your email address with a code before choosing it for sign-in',
    );
  if (factor === 'sms' && !isContactVerified(state, 'sms', data.contacts))
    throw new DomainError(
      'forbidden',
      'AUTH-method-phone-not-verified',
      'Verify your mobile phone with a code before choosing it for sign-in',
    );
  if (needsAuthenticatorEnrollment(state, method)) {
    // A programming error, not user input: the handler asks needsAuthenticatorEnrollment first.
    if (!data.newTotpSecret) throw new Error('newTotpSecret is required');
    const enrollment = { encryptedSecret: data.newTotpSecret, method };
    return [
      {
        type: 'AuthenticatorEnrollmentStarted',
        data: { accountId: data.accountId, ...enrollment },
      },
    ];
  }
  if (method === state.method) return [];
  return [methodChanged(data.accountId, state.method, method)];
}

export function decideConfirmAuthenticator(
  { data }: ConfirmAuthenticator,
  state: AuthenticatorState,
  { now }: CommandContext,
): AuthenticatorEvent[] {
  const pending = state.pendingTotp;
  if (!pending)
    throw new DomainError(
      'conflict',
      'AUTH-authenticator-enrollment-not-started',
      'Choose an authenticator method first to get a QR code to scan',
    );
  if (!data.totpValid)
    throw invalid(
      'code',
      'AUTH-authenticator-code-wrong',
      'code is not the one your authenticator app shows now: check the app and try again',
    );
  const enrolled: AuthenticatorEvent = {
    type: 'AuthenticatorEnrolled',
    data: {
      accountId: data.accountId,
      method: pending.method,
      enrolledAt: now.toISOString(),
    },
  };
  return pending.method === state.method
    ? [enrolled]
    : [enrolled, methodChanged(data.accountId, state.method, pending.method)];
}

const methodChanged = (
  accountId: string,
  from: AuthenticationMethod,
  to: AuthenticationMethod,
): AuthenticatorEvent => ({
  type: 'AuthenticationMethodChanged',
  data: { accountId, from, to },
});
