import type { AuthenticatorEvent } from '@accounts/contracts';
import { type CommandContext, DomainError, invalid } from '@accounts/event-sourcing';
import { reached } from '../shared/time';
import { passwordNeedsRehash } from '../values/argon2-parameters';
import { assertPasswordPolicy } from '../values/password-policy';
import type { Activate, ChangePassword, RehashPassword } from './authenticator-commands';
import type { AuthenticatorState } from './authenticator-state';

/** The presented activation token matches no account (the handler found none by its hash). */
export const activationTokenInvalid = () =>
  new DomainError(
    'unauthorized',
    'AUTH-activation-token-invalid',
    'This activation link is not valid: ask your administrator for a new account invitation',
  );

export function decideActivate(
  { data }: Activate,
  state: AuthenticatorState,
  { now }: CommandContext,
): AuthenticatorEvent[] {
  if (data.presentedTokenSha256 !== data.activation.tokenSha256) throw activationTokenInvalid();
  if (state.passwordHash !== null)
    throw new DomainError(
      'unauthorized',
      'AUTH-activation-token-used',
      'This activation link was already used: sign in with your password',
    );
  if (reached(now, data.activation.expiresAt))
    throw new DomainError(
      'unauthorized',
      'AUTH-activation-token-expired',
      'This activation link has expired: ask your administrator for a new one',
    );
  assertPasswordPolicy(data.password, data.passwordPolicy, 'password');
  return [
    {
      type: 'PasswordSet',
      data: { accountId: data.accountId, passwordHash: data.passwordHash },
    },
  ];
}

export function decideChangePassword(
  { data }: ChangePassword,
  state: AuthenticatorState,
): AuthenticatorEvent[] {
  if (state.passwordHash === null)
    throw new DomainError(
      'conflict',
      'AUTH-password-not-set',
      'This account is not activated yet: use the activation link first',
    );
  if (!data.currentPasswordVerified)
    throw invalid(
      'currentPassword',
      'AUTH-current-password-wrong',
      'currentPassword is not your current password',
    );
  if (data.newPassword !== data.repeatPassword)
    throw invalid(
      'repeatPassword',
      'AUTH-password-repeat-mismatch',
      'repeatPassword must be the same as newPassword',
    );
  assertPasswordPolicy(data.newPassword, data.passwordPolicy, 'newPassword');
  if (data.newPassword === data.currentPassword)
    throw invalid(
      'newPassword',
      'AUTH-password-unchanged',
      'newPassword must differ from your current password',
    );
  return [
    {
      type: 'PasswordChanged',
      data: {
        accountId: data.accountId,
        passwordHash: data.newPasswordHash,
        endOtherSessions: data.endOtherSessions,
      },
    },
  ];
}

/** Nothing happens unless the verified hash is still the stored one and its parameters are outdated. */
export function decideRehashPassword(
  { data }: RehashPassword,
  state: AuthenticatorState,
): AuthenticatorEvent[] {
  const stored = state.passwordHash;
  if (
    !data.passwordVerified ||
    stored === null ||
    stored !== data.verifiedPasswordHash ||
    !passwordNeedsRehash(stored, data.configured) ||
    passwordNeedsRehash(data.passwordHash, data.configured)
  )
    return [];
  return [
    {
      type: 'PasswordRehashed',
      data: { accountId: data.accountId, passwordHash: data.passwordHash },
    },
  ];
}
