import type { AccountEvent } from '@accounts/contracts';
import { type CommandContext, DomainError, invalid } from '@accounts/event-sourcing';
import type { CancelEmailChange, ConfirmEmailChange } from './account-commands';
import { requireEnabled } from './account-access';
import type { AccountState } from './account-state';
import { ownAccount } from './decide-profile-update';
import { sameHash } from './email-change';

/**
 * The link mailed to the new address was used: it becomes the account's address (AccountEmailChanged,
 * which every consumer already follows), once. A used, cancelled or replaced request is gone (410),
 * so is an expired one; a token that is not the pending one's is bad input (400), counted by the handler.
 */
export function decideConfirmEmailChange(
  command: ConfirmEmailChange,
  state: AccountState,
  ctx: CommandContext,
): AccountEvent[] {
  const account = ownAccount(command, state);
  requireEnabled(account);
  const pending = account.pendingEmail;
  if (!pending)
    throw new DomainError(
      'gone',
      'PROFILE-email-change-none',
      'No change of email address is waiting for confirmation: this link was used or cancelled already',
    );
  if (!sameHash(command.data.tokenSha256, pending.tokenSha256))
    throw invalid(
      'token',
      'PROFILE-email-change-token-invalid',
      'This confirmation link is not valid: use the link of the latest email we sent to your new address',
    );
  if (Date.parse(pending.expiresAt) <= ctx.now.getTime())
    throw new DomainError(
      'gone',
      'PROFILE-email-change-expired',
      'This confirmation link has expired: change your email address again to get a new one',
      { expiresAt: pending.expiresAt },
    );
  // The organization may have locked the address since the request.
  if (!command.data.emailEditableByUsers)
    throw new DomainError(
      'forbidden',
      'PROFILE-email-locked',
      "Your organization's settings do not allow users to change their email address; ask an administrator",
      { field: 'email' },
    );
  return [
    {
      type: 'AccountEmailChanged',
      data: {
        accountId: account.accountId,
        from: account.email,
        to: pending.email,
        requestId: pending.requestId,
      },
    },
  ];
}

/** The person withdraws the pending change; nothing waiting, nothing to do (DELETE is idempotent). */
export function decideCancelEmailChange(
  command: CancelEmailChange,
  state: AccountState,
): AccountEvent[] {
  const account = ownAccount(command, state);
  if (!account.pendingEmail) return [];
  return [
    {
      type: 'AccountEmailChangeCancelled',
      data: {
        accountId: account.accountId,
        requestId: account.pendingEmail.requestId,
      },
    },
  ];
}
