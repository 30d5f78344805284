import type { UserNameEvent } from '@accounts/contracts';
import { assertNever, Decider, DomainError } from '@accounts/event-sourcing';
import { parseUserName } from '../values/user-name';
import type { UserNameCommand } from './user-name-commands';
import { evolveUserName, initialUserNameState, UserNameState } from './user-name-state';

export function decideUserName(command: UserNameCommand, state: UserNameState): UserNameEvent[] {
  const { accountId } = command.data;
  const userName = parseUserName(command.data.userName);
  switch (command.type) {
    case 'ReserveUserName':
      if (state.holder === accountId) return []; // a retried reservation by the same account
      if (state.holder !== null) {
        throw new DomainError(
          'conflict',
          'PROFILE-user-name-taken',
          `The user name ${userName} is already taken`,
          {
            field: 'userName',
          },
        );
      }
      return [{ type: 'UserNameReserved', data: { userName, accountId } }];
    case 'ReleaseUserName':
      // Only the holder frees a name; anything else is a retry or a no-op.
      return state.holder === accountId
        ? [{ type: 'UserNameReleased', data: { userName, accountId } }]
        : [];
    default:
      return assertNever(command);
  }
}

export const userNameDecider: Decider<UserNameState, UserNameCommand, UserNameEvent> = {
  decide: (command, state) => decideUserName(command, state),
  evolve: evolveUserName,
  initialState: initialUserNameState,
};
