import type { AccountEvent } from '@accounts/contracts';
import { assertNever, CommandContext, Decider } from '@accounts/event-sourcing';
import type { AccountCommand } from './account-commands';
import { AccountState, evolveAccount, initialAccountState } from './account-state';
import {
  decideChangeAccountType,
  decideChangeGroupRestriction,
  decideDisableAccount,
  decideEnableAccount,
} from './decide-administration';
import { decideCancelEmailChange, decideConfirmEmailChange } from './decide-email-change';
import { decideUpdateProfile } from './decide-profile-update';
import { decideReissueActivation } from './decide-reissue-activation';
import { decideRegisterAccount, decideRegisterFirstAdministrator } from './decide-registration';

export function decideAccount(
  command: AccountCommand,
  state: AccountState,
  ctx: CommandContext,
): AccountEvent[] {
  switch (command.type) {
    case 'RegisterAccount':
      return decideRegisterAccount(command, state, ctx);
    case 'RegisterFirstAdministrator':
      return decideRegisterFirstAdministrator(command, state, ctx);
    case 'UpdateProfile':
      return decideUpdateProfile(command, state, ctx);
    case 'ConfirmEmailChange':
      return decideConfirmEmailChange(command, state, ctx);
    case 'CancelEmailChange':
      return decideCancelEmailChange(command, state);
    case 'ChangeAccountType':
      return decideChangeAccountType(command, state);
    case 'ChangeGroupRestriction':
      return decideChangeGroupRestriction(command, state);
    case 'DisableAccount':
      return decideDisableAccount(command, state);
    case 'EnableAccount':
      return decideEnableAccount(command, state);
    case 'ReissueActivation':
      return decideReissueActivation(command, state, ctx);
    default:
      return assertNever(command);
  }
}

/** Stream `account-<accountId>`. */
export const accountDecider: Decider<AccountState, AccountCommand, AccountEvent> = {
  decide: decideAccount,
  evolve: evolveAccount,
  initialState: initialAccountState,
};
