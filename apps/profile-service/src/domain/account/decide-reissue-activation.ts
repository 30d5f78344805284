import type { AccountEvent } from '@accounts/contracts';
import type { CommandContext } from '@accounts/event-sourcing';
import { accountAdministeredBy, requireEnabled } from './account-access';
import type { ReissueActivation } from './account-commands';
import type { AccountState } from './account-state';
import { activationOf } from './activation';

/**
 * Another administrator sends a new activation link (the old one stops working: auth-service keeps
 * only the newest hash). Whether the account was activated already is auth-service's to know: there
 * the new link is refused as used, and no email is sent for it.
 */
export function decideReissueActivation(
  command: ReissueActivation,
  state: AccountState,
  ctx: CommandContext,
): AccountEvent[] {
  const account = accountAdministeredBy(state, command.data.actor, {
    code: 'PROFILE-own-activation',
    message: 'Your account is active: there is no activation link to send',
  });
  requireEnabled(account);
  return [
    {
      type: 'AccountActivationReissued',
      data: {
        accountId: account.accountId,
        activation: activationOf(
          command.data.activationTokenSha256,
          ctx.now,
          command.data.activationLinkId,
        ),
      },
    },
  ];
}
