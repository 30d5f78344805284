import { DeciderSpecification } from '@accounts/testing';
import { accountDisabled as disabled, updateProfile as update } from '../testing/account-commands';
import { accountRegistered, ADMIN } from '../testing/fixtures';
import { accountDecider } from './account-decider';

const spec = DeciderSpecification.for(accountDecider);
const registered = accountRegistered();

describe('PATCH /accounts/me refusals', () => {
  it('refuses the whole patch when one field is bad (nothing is written)', () => {
    spec
      .given([registered])
      .when(update({ firstName: 'Janet', mobilePhone: '12' }))
      .thenThrows('PROFILE-mobile-phone-invalid', 'invalid');
  });

  it.each([
    [{ userName: 'jane_doe' }, 'PROFILE-user-name-invalid'],
    [{ userName: 'x'.repeat(65) }, 'PROFILE-user-name-invalid'],
    [{ firstName: ' ' }, 'PROFILE-first-name-invalid'],
    [{ lastName: 'a\tb' }, 'PROFILE-last-name-invalid'],
    [{ email: 'jane@localhost' }, 'PROFILE-email-invalid'],
    [{ mobilePhone: 'not a phone' }, 'PROFILE-mobile-phone-invalid'],
    [{ timeZone: 'Central European Time' }, 'PROFILE-time-zone-invalid'],
    [{ sessionTimeout: '45m' }, 'PROFILE-session-timeout-invalid'],
  ])('refuses %p with %s', (changes, code) => {
    spec.given([registered]).when(update(changes)).thenThrows(code, 'invalid');
  });

  it('refuses to edit a disabled account', () => {
    spec
      .given([registered, disabled])
      .when(update({ firstName: 'Janet' }))
      .thenThrows('PROFILE-account-disabled', 'conflict');
  });

  it("refuses to edit someone else's profile, and answers not found for no account", () => {
    spec
      .given([registered])
      .when(update({ firstName: 'X' }, true, ADMIN))
      .thenThrows('PROFILE-not-own-account', 'forbidden');
    spec
      .given([])
      .when(update({ firstName: 'X' }))
      .thenThrows('PROFILE-account-not-found', 'not_found');
  });
});
