import { DeciderSpecification } from '@accounts/testing';
import type { AccountEvent } from '@accounts/contracts';
import type { ProfileChanges } from './account-commands';
import { EMAIL_CHANGE_LINK, updateProfile as update } from '../testing/account-commands';
import { accountRegistered, USER } from '../testing/fixtures';
import { accountDecider } from './account-decider';

const spec = DeciderSpecification.for(accountDecider);
const registered = accountRegistered();
const changed = <T extends AccountEvent['type']>(type: T, from: unknown, to: unknown) =>
  ({ type, data: { accountId: USER, from, to } }) as AccountEvent;

describe('PATCH /accounts/me', () => {
  it('appends one event per changed field, in a fixed order, whatever the order given', () => {
    const changes: ProfileChanges = {
      sessionTimeout: '1h',
      timeZone: 'Europe/Paris',
      mobilePhone: '+33 6 12 34 56 78',
      email: 'jane.doe@example.com',
      lastName: 'Smith',
      firstName: 'Janet',
      userName: 'janet',
    };
    spec
      .given([registered])
      .when(update(changes))
      .then([
        changed('AccountUserNameChanged', 'jane', 'janet'),
        changed('AccountFirstNameChanged', 'Jane', 'Janet'),
        changed('AccountLastNameChanged', 'Doe', 'Smith'),
        // The address itself changes only once the link mailed to it is used (email-change.spec.ts).
        {
          type: 'AccountEmailChangeRequested',
          data: {
            accountId: USER,
            email: 'jane.doe@example.com',
            requestId: EMAIL_CHANGE_LINK.requestId,
            tokenSha256: EMAIL_CHANGE_LINK.tokenSha256,
            expiresAt: '2026-01-02T00:00:00.000Z',
          },
        },
        changed('AccountMobilePhoneChanged', null, '+33612345678'),
        changed('AccountTimeZoneChanged', 'UTC', 'Europe/Paris'),
        changed('AccountSessionTimeoutChanged', '30m', '1h'),
      ]);
  });

  it('appends only the fields that changed', () => {
    spec
      .given([registered])
      .when(
        update({
          userName: 'jane',
          firstName: 'Jane',
          lastName: 'Doe',
          sessionTimeout: 'never',
        }),
      )
      .then([changed('AccountSessionTimeoutChanged', '30m', 'never')]);
  });

  it('appends nothing when nothing changes, including values equal once normalized', () => {
    spec.given([registered]).when(update({})).thenNothingHappened();
    spec
      .given([registered])
      .when(
        update({
          firstName: ' Jane ',
          email: 'jane@EXAMPLE.com',
          timeZone: 'utc',
          mobilePhone: '',
        }),
      )
      .thenNothingHappened();
  });

  it('records a change of case of the user name (same reservation, new spelling)', () => {
    spec
      .given([registered])
      .when(update({ userName: 'Jane' }))
      .then([changed('AccountUserNameChanged', 'jane', 'Jane')]);
  });

  it('removes the mobile phone with null', () => {
    const withPhone = accountRegistered({ mobilePhone: '+33612345678' });
    spec
      .given([withPhone])
      .when(update({ mobilePhone: null }))
      .then([changed('AccountMobilePhoneChanged', '+33612345678', null)]);
  });

  it('builds on earlier changes', () => {
    const history = [
      registered,
      changed('AccountEmailChanged', 'jane@example.com', 'j@example.com'),
    ];
    spec
      .given(history)
      .when(update({ email: 'j@example.com' }))
      .thenNothingHappened();
  });

  it('refuses an email change when the organization locks it, saying so', () => {
    spec
      .given([registered])
      .when(update({ email: 'other@example.com' }, false))
      .thenThrows('PROFILE-email-locked', 'forbidden');
  });

  it('still saves other fields when a locked email is sent unchanged', () => {
    spec
      .given([registered])
      .when(update({ email: 'jane@example.com', lastName: 'Smith' }, false))
      .then([changed('AccountLastNameChanged', 'Doe', 'Smith')]);
  });
});
