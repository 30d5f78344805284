import type { AuthenticatorEvent } from '@accounts/contracts';
import { type CommandContext, DomainError, invalid } from '@accounts/event-sourcing';
import { plusSeconds, reached } from '../shared/time';
import { PasswordResetPolicy } from '../values/auth-limits';
import { assertPasswordPolicy } from '../values/password-policy';
import { sameHash } from '../values/same-hash';
import type { RequestPasswordReset, ResetPassword } from './authenticator-commands';
import type { AuthenticatorState } from './authenticator-state';

/** Every unusable link gets this answer, except an expired or used one, which says so. */
export const resetLinkInvalid = () =>
  new DomainError(
    'unauthorized',
    'AUTH-reset-link-invalid',
    'This password reset link is not valid: ask for a new one',
  );

/**
 * A new link replaces the previous one. Nothing happens (and the caller still answers 202) for an
 * account not activated yet or past the per-account limit: the answer never tells them apart.
 */
export function decideRequestPasswordReset(
  { data }: RequestPasswordReset,
  state: AuthenticatorState,
  { now }: CommandContext,
): AuthenticatorEvent[] {
  if (state.passwordHash === null) return [];
  const windowStart = now.getTime() - PasswordResetPolicy.windowSeconds * 1000;
  const recent = state.resetRequestedAt.filter((at) => Date.parse(at) > windowStart);
  if (recent.length >= PasswordResetPolicy.maxRequests) return [];
  return [
    {
      type: 'PasswordResetRequested',
      data: {
        accountId: data.accountId,
        resetId: data.resetId,
        tokenSha256: data.tokenSha256,
        requestedAt: now.toISOString(),
        expiresAt: plusSeconds(now, PasswordResetPolicy.lifetimeSeconds),
      },
    },
  ];
}

/**
 * The newest link, once, within 30 minutes, with a password the policy accepts. Every computer
 * must pass the second factor again afterwards: the link proves only the mailbox.
 */
export function decideResetPassword(
  { data }: ResetPassword,
  state: AuthenticatorState,
  { now }: CommandContext,
): AuthenticatorEvent[] {
  const link = state.passwordReset;
  if (!link || !sameHash(link.tokenSha256, data.presentedTokenSha256)) throw resetLinkInvalid();
  if (link.used)
    throw new DomainError(
      'unauthorized',
      'AUTH-reset-link-used',
      'This password reset link was already used: ask for a new one if you need to',
    );
  if (reached(now, link.expiresAt))
    throw new DomainError(
      'unauthorized',
      'AUTH-reset-link-expired',
      'This password reset link has expired (links are valid 30 minutes): ask for a new one',
    );
  if (data.newPassword !== data.repeatPassword)
    throw invalid(
      'repeatPassword',
      'AUTH-password-repeat-mismatch',
      'repeatPassword must be the same as newPassword',
    );
  assertPasswordPolicy(data.newPassword, data.passwordPolicy, 'newPassword');
  const { accountId } = data;
  return [
    {
      type: 'PasswordReset',
      data: {
        accountId,
        resetId: link.resetId,
        passwordHash: data.newPasswordHash,
      },
    },
    ...state.trustedDevices
      .filter((device) => !device.revoked)
      .map(
        (device): AuthenticatorEvent => ({
          type: 'TrustedDeviceRevoked',
          data: {
            accountId,
            deviceId: device.deviceId,
            reason: 'password-reset',
          },
        }),
      ),
  ];
}
