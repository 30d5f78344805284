import type { UserNameEvent } from '@accounts/contracts';
import { DeciderSpecification } from '@accounts/testing';
import { userNameStreamId } from '../shared/streams';
import { userNameDecider } from './user-name-decider';
import { userNameExpectedRevision } from './user-name-state';

const spec = DeciderSpecification.for(userNameDecider);
const reserve = (accountId: string, userName = 'Jane') => ({
  type: 'ReserveUserName' as const,
  data: { userName, accountId },
});
const release = (accountId: string, userName = 'Jane') => ({
  type: 'ReleaseUserName' as const,
  data: { userName, accountId },
});
const reserved = (accountId: string, userName = 'Jane'): UserNameEvent => ({
  type: 'UserNameReserved',
  data: { userName, accountId },
});
const released = (accountId: string, userName = 'Jane'): UserNameEvent => ({
  type: 'UserNameReleased',
  data: { userName, accountId },
});
const expectedRevisionAfter = (events: UserNameEvent[]) =>
  userNameExpectedRevision(events.reduce(userNameDecider.evolve, userNameDecider.initialState()));

describe('user name reservation', () => {
  it('reserves a name never used, appending with "no stream"', () => {
    spec
      .given([])
      .when(reserve('a'))
      .then([reserved('a')]);
    expect(expectedRevisionAfter([])).toBe('no_stream');
  });

  it('uses one stream per name whatever its case', () => {
    expect(userNameStreamId('Jane')).toBe('username-jane');
    expect(userNameStreamId('JANE')).toBe(userNameStreamId('jane'));
  });

  it('refuses the second reservation of a reserved name: one of two racing accounts wins', () => {
    spec
      .given([reserved('a')])
      .when(reserve('b'))
      .thenThrows('PROFILE-user-name-taken', 'conflict');
    spec
      .given([reserved('a', 'Jane')])
      .when(reserve('b', 'JANE'))
      .thenThrows('PROFILE-user-name-taken', 'conflict');
  });

  it('lets the holder retry its own reservation without a new event', () => {
    spec
      .given([reserved('a')])
      .when(reserve('a'))
      .thenNothingHappened();
  });

  it('releases a name held by the account', () => {
    spec
      .given([reserved('a')])
      .when(release('a'))
      .then([released('a')]);
  });

  it('does not release a name held by another account, nor a free one', () => {
    spec
      .given([reserved('a')])
      .when(release('b'))
      .thenNothingHappened();
    spec.given([]).when(release('a')).thenNothingHappened();
    spec
      .given([reserved('a'), released('a')])
      .when(release('a'))
      .thenNothingHappened();
  });

  it('reserves a released name again, expecting the revision of the release', () => {
    const history = [reserved('a'), released('a')];
    spec
      .given(history)
      .when(reserve('b'))
      .then([reserved('b')]);
    expect(expectedRevisionAfter(history)).toBe(1);
    expect(expectedRevisionAfter([...history, reserved('b'), released('b')])).toBe(3);
  });

  it('refuses an invalid name before anything else', () => {
    spec
      .given([])
      .when(reserve('a', 'jane doe'))
      .thenThrows('PROFILE-user-name-invalid', 'invalid');
  });
});
