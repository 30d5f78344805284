import type { AccountEvent } from '@accounts/contracts';
import { DeciderSpecification } from '@accounts/testing';
import { cancelEmailChange, confirmEmailChange, updateProfile } from '../testing/account-commands';
import { accountRegistered, NOW, TOKEN_SHA256, USER } from '../testing/fixtures';
import { accountDecider } from './account-decider';
import { evolveAccount, initialAccountState } from './account-state';

const spec = DeciderSpecification.for(accountDecider);
const registered = accountRegistered();
const OTHER_HASH = 'cd'.repeat(32);

const requested = (
  email = 'jane.new@example.com',
  requestId = 'request-1',
  tokenSha256 = TOKEN_SHA256,
): AccountEvent => ({
  type: 'AccountEmailChangeRequested',
  data: {
    accountId: USER,
    email,
    requestId,
    tokenSha256,
    expiresAt: '2026-01-02T00:00:00.000Z',
  },
});
const at = (iso: string) => ({ now: new Date(iso) });

describe('changing the email address: requested, then confirmed with the link mailed to the new address', () => {
  it('records the request, valid 24 hours; the address stays the old one until confirmed', () => {
    spec
      .given([registered])
      .when(updateProfile({ email: 'jane.new@example.com' }))
      .then([requested()]);
    const state = [registered, requested()].reduce(evolveAccount, initialAccountState());
    expect(state).toMatchObject({
      email: 'jane@example.com',
      pendingEmail: { email: 'jane.new@example.com' },
    });
  });

  it('a new request replaces the pending one (asking again for the same address sends a new link)', () => {
    const again = { ...updateProfile({ email: 'jane.new@example.com' }) };
    const link = { requestId: 'request-2', tokenSha256: OTHER_HASH };
    spec
      .given([registered, requested()])
      .when({ ...again, data: { ...again.data, emailChangeLink: link } })
      .then([requested('jane.new@example.com', 'request-2', OTHER_HASH)]);
  });

  it('sending the current address with the form changes nothing and keeps the pending request', () => {
    spec
      .given([registered, requested()])
      .when(updateProfile({ email: 'jane@example.com', firstName: 'Jane' }))
      .thenNothingHappened();
  });

  it('is refused when the organization locks the email, as before', () => {
    spec
      .given([registered])
      .when(updateProfile({ email: 'jane.new@example.com' }, false))
      .thenThrows('PROFILE-email-locked', 'forbidden');
  });

  it('confirmed with the right token: AccountEmailChanged from the old to the new address, with the request', () => {
    spec
      .given([registered, requested()])
      .when(confirmEmailChange(), at('2026-01-01T12:00:00.000Z'))
      .then([
        {
          type: 'AccountEmailChanged',
          data: {
            accountId: USER,
            from: 'jane@example.com',
            to: 'jane.new@example.com',
            requestId: 'request-1',
          },
        },
      ]);
  });

  it('works once: after the change (or with nothing pending) the link is gone', () => {
    const confirmed: AccountEvent = {
      type: 'AccountEmailChanged',
      data: {
        accountId: USER,
        from: 'jane@example.com',
        to: 'jane.new@example.com',
        requestId: 'request-1',
      },
    };
    spec
      .given([registered, requested(), confirmed])
      .when(confirmEmailChange())
      .thenThrows('PROFILE-email-change-none', 'gone');
    spec
      .given([registered])
      .when(confirmEmailChange())
      .thenThrows('PROFILE-email-change-none', 'gone');
  });

  it('refuses the token of a replaced request or a wrong one, naming the field', () => {
    spec
      .given([registered, requested(), requested('jane.new@example.com', 'request-2', OTHER_HASH)])
      .when(confirmEmailChange(TOKEN_SHA256), at('2026-01-01T01:00:00.000Z'))
      .thenThrows('PROFILE-email-change-token-invalid', 'invalid');
  });

  it('refuses an expired link', () => {
    spec
      .given([registered, requested()])
      .when(confirmEmailChange(), { now: new Date('2026-01-02T00:00:00.000Z') })
      .thenThrows('PROFILE-email-change-expired', 'gone');
  });

  it("refuses when the organization locked the email since the request, and someone else's confirmation", () => {
    spec
      .given([registered, requested()])
      .when(confirmEmailChange(TOKEN_SHA256, false), { now: NOW })
      .thenThrows('PROFILE-email-locked', 'forbidden');
    spec
      .given([registered, requested()])
      .when(confirmEmailChange(TOKEN_SHA256, true, 'acc-other'), { now: NOW })
      .thenThrows('PROFILE-not-own-account', 'forbidden');
  });

  it('can be cancelled: the link stops working; cancelling nothing does nothing', () => {
    const cancelled: AccountEvent = {
      type: 'AccountEmailChangeCancelled',
      data: { accountId: USER, requestId: 'request-1' },
    };
    spec.given([registered, requested()]).when(cancelEmailChange()).then([cancelled]);
    spec
      .given([registered, requested(), cancelled])
      .when(confirmEmailChange())
      .thenThrows('PROFILE-email-change-none', 'gone');
    spec.given([registered]).when(cancelEmailChange()).thenNothingHappened();
  });
});
