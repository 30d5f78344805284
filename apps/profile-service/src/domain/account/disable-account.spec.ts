import { DeciderSpecification } from '@accounts/testing';
import {
  accountDisabled as disabled,
  accountEnabled as enabled,
  disableAccount as disable,
  enableAccount as enable,
  updateProfile,
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

describe('disable and re-enable an account', () => {
  it('disables an account, with the reason when given', () => {
    spec.given([registered]).when(disable()).then([disabled]);
    spec
      .given([registered])
      .when(disable(adminActor(), ' left the company '))
      .then([
        {
          type: 'AccountDisabled',
          data: { accountId: USER, reason: 'left the company' },
        },
      ]);
  });

  it('enables a disabled account again, which can then be edited', () => {
    spec.given([registered, disabled]).when(enable()).then([enabled]);
    spec
      .given([registered, disabled, enabled])
      .when(updateProfile({ lastName: 'Roe' }))
      .then([
        {
          type: 'AccountLastNameChanged',
          data: { accountId: USER, from: 'Doe', to: 'Roe' },
        },
      ]);
  });

  it('appends nothing when already in the asked state', () => {
    spec.given([registered, disabled]).when(disable()).thenNothingHappened();
    spec.given([registered]).when(enable()).thenNothingHappened();
  });

  it('refuses it on one own account', () => {
    const self = accountRegistered({
      accountId: ADMIN,
      accountType: 'administrator',
    });
    spec
      .given([self])
      .when(disable(adminActor(), undefined, ADMIN))
      .thenThrows('PROFILE-own-account-disable', 'forbidden');
    spec
      .given([self])
      .when(enable(adminActor(), ADMIN))
      .thenThrows('PROFILE-own-account-enable', 'forbidden');
  });

  it('refuses a member who is not an administrator', () => {
    spec
      .given([registered])
      .when(disable(userActor('x')))
      .thenThrows('PROFILE-admin-required', 'forbidden');
    spec
      .given([registered, disabled])
      .when(enable(userActor('x')))
      .thenThrows('PROFILE-admin-required', 'forbidden');
  });

  it('answers not found across organizations', () => {
    spec
      .given([registered])
      .when(disable(adminActor(ADMIN, OTHER_ORG)))
      .thenThrows('PROFILE-account-not-found', 'not_found');
    spec
      .given([registered, disabled])
      .when(enable(adminActor(ADMIN, OTHER_ORG)))
      .thenThrows('PROFILE-account-not-found', 'not_found');
  });
});
