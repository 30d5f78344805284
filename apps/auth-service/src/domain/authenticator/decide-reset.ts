import type { AuthenticatorEvent } from '@accounts/contracts';
import { DomainError, invalid, notFound } from '@accounts/event-sourcing';
import type { ResetAuthenticator } from './authenticator-commands';
import type { AuthenticatorState } from './authenticator-state';

const ReasonMaxLength = 500;

/**
 * An administrator of the account's organization clears a lost authenticator. The method stays
 * (`authenticator*`), so the next sign-in demands a new enrollment before tokens.
 */
export function decideResetAuthenticator(
  { data }: ResetAuthenticator,
  state: AuthenticatorState,
): AuthenticatorEvent[] {
  const { actor } = data;
  // Another organization's account is answered as missing: its existence is not theirs to learn.
  if (actor.orgId !== data.accountOrgId)
    throw notFound('AUTH-account-not-found', 'No such account');
  if (!actor.isAdministrator)
    throw new DomainError(
      'forbidden',
      'AUTH-admin-required',
      'Only an administrator of the organization can reset an authenticator',
    );
  if (actor.accountId === data.accountId)
    throw new DomainError(
      'forbidden',
      'AUTH-own-authenticator-reset',
      'Another administrator of your organization must reset your authenticator',
    );
  const reason = typeof data.reason === 'string' ? data.reason.trim() : '';
  if (!reason || reason.length > ReasonMaxLength)
    throw invalid(
      'reason',
      'AUTH-reset-reason-invalid',
      `reason must be 1 to ${ReasonMaxLength} characters explaining the reset`,
    );
  if (state.totp === null && state.pendingTotp === null) return [];
  return [
    {
      type: 'AuthenticatorReset',
      data: { accountId: data.accountId, by: actor.accountId, reason },
    },
  ];
}
