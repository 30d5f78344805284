import type { AccountEvent } from '@accounts/contracts';
import { DeciderSpecification } from '@accounts/testing';
import {
  accountDisabled as disabled,
  changeGroupRestriction as setGroups,
} from '../testing/account-commands';
import {
  accountRegistered,
  ADMIN,
  adminActor,
  OTHER_ORG,
  USER,
  userActor,
} from '../testing/fixtures';
import { accountDecider } from './account-decider';

const spec = DeciderSpecification.for(accountDecider);
const registered = accountRegistered();

describe('PUT /accounts/:id/group-restriction', () => {
  it('lets another administrator restrict to named groups and back to all groups', () => {
    const restricted = { kind: 'groups', groups: ['Lyon', 'Paris'] } as const;
    spec
      .given([registered])
      .when(setGroups({ kind: 'groups', groups: ['Paris', 'Lyon'] }))
      .then([
        {
          type: 'AccountGroupRestrictionChanged',
          data: { accountId: USER, from: { kind: 'all' }, to: restricted },
        },
      ]);
    const history: AccountEvent[] = [
      registered,
      {
        type: 'AccountGroupRestrictionChanged',
        data: { accountId: USER, from: { kind: 'all' }, to: restricted },
      },
    ];
    spec
      .given(history)
      .when(setGroups({ kind: 'all' }))
      .then([
        {
          type: 'AccountGroupRestrictionChanged',
          data: { accountId: USER, from: restricted, to: { kind: 'all' } },
        },
      ]);
    spec
      .given(history)
      .when(setGroups({ kind: 'groups', groups: ['Paris', 'Lyon', 'Lyon'] }))
      .thenNothingHappened();
  });

  it('refuses it on one own account, to non-administrators and across organizations', () => {
    spec
      .given([registered])
      .when(setGroups({ kind: 'all' }, userActor()))
      .thenThrows('PROFILE-own-group-restriction', 'forbidden');
    spec
      .given([registered])
      .when(setGroups({ kind: 'all' }, userActor('x')))
      .thenThrows('PROFILE-admin-required', 'forbidden');
    spec
      .given([registered])
      .when(setGroups({ kind: 'all' }, adminActor(ADMIN, OTHER_ORG)))
      .thenThrows('PROFILE-account-not-found', 'not_found');
  });

  it('refuses a bad restriction and a disabled account', () => {
    spec
      .given([registered])
      .when(setGroups({ kind: 'groups', groups: [] }))
      .thenThrows('PROFILE-group-restriction-invalid', 'invalid');
    spec
      .given([registered, disabled])
      .when(setGroups({ kind: 'all' }))
      .thenThrows('PROFILE-account-disabled', 'conflict');
  });
});
