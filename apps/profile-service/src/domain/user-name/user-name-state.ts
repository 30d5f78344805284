import type { UserNameEvent } from '@accounts/contracts';
import { tolerateUnknownEvent } from '@accounts/event-sourcing';

/**
 * One user name's reservation. `revision` is that of the last event folded (-1: the stream is empty),
 * so the handler can append a new reservation after a release with the revision it expects.
 */
export interface UserNameState {
  readonly holder: string | null;
  readonly revision: number;
}

export const initialUserNameState = (): UserNameState => ({
  holder: null,
  revision: -1,
});

export function evolveUserName(state: UserNameState, event: UserNameEvent): UserNameState {
  switch (event.type) {
    case 'UserNameReserved':
      return { holder: event.data.accountId, revision: state.revision + 1 };
    case 'UserNameReleased':
      return { holder: null, revision: state.revision + 1 };
    default:
      return {
        ...tolerateUnknownEvent(event, state),
        revision: state.revision + 1,
      };
  }
}

/**
 * Expected revision for the next append: "no stream" for a never-used name, else the revision read.
 * Two racing reservations both expect the same revision; the store accepts only one of them.
 */
export function userNameExpectedRevision(state: UserNameState): 'no_stream' | number {
  return state.revision < 0 ? 'no_stream' : state.revision;
}
