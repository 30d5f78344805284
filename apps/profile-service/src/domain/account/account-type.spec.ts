import { DeciderSpecification } from '@accounts/testing';
import {
  accountDisabled as disabled,
  changeAccountType as setType,
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

describe('PUT /accounts/:id/account-type', () => {
  it('lets another administrator of the organization change it', () => {
    spec
      .given([registered])
      .when(setType('administrator'))
      .then([
        {
          type: 'AccountTypeChanged',
          data: { accountId: USER, from: 'standard', to: 'administrator' },
        },
      ]);
  });

  it('appends nothing for the current type', () => {
    spec.given([registered]).when(setType('standard')).thenNothingHappened();
  });

  it('refuses it on one own account: another administrator must do it', () => {
    const self = accountRegistered({
      accountId: ADMIN,
      accountType: 'administrator',
    });
    spec
      .given([self])
      .when(setType('standard', adminActor(), ADMIN))
      .thenThrows('PROFILE-own-account-type', 'forbidden');
    spec
      .given([registered])
      .when(setType('administrator', userActor()))
      .thenThrows('PROFILE-own-account-type', 'forbidden');
  });

  it('refuses a member who is not an administrator', () => {
    spec
      .given([registered])
      .when(setType('read-only', userActor('acc-other')))
      .thenThrows('PROFILE-admin-required', 'forbidden');
  });

  it('answers not found for another organization and for no account', () => {
    spec
      .given([registered])
      .when(setType('read-only', adminActor(ADMIN, OTHER_ORG)))
      .thenThrows('PROFILE-account-not-found', 'not_found');
    spec.given([]).when(setType('read-only')).thenThrows('PROFILE-account-not-found', 'not_found');
  });

  it('refuses an unknown type and a disabled account', () => {
    spec
      .given([registered])
      .when(setType('root'))
      .thenThrows('PROFILE-account-type-invalid', 'invalid');
    spec
      .given([registered, disabled])
      .when(setType('read-only'))
      .thenThrows('PROFILE-account-disabled', 'conflict');
  });
});
