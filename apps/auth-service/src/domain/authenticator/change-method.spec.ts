import type { AuthenticationMethod } from '@accounts/contracts';
import { DeciderSpecification } from '@accounts/testing';
import {
  ACCOUNT,
  contacts,
  emailVerified,
  enrollmentStarted,
  historyFor,
  methodChanged,
  openOrg,
  passwordSet,
  phoneVerified,
} from '../testing/fixtures';
import type { ChangeMethod, OrganizationFacts } from './authenticator-commands';
import { authenticatorDecider } from './authenticator-decider';

const spec = DeciderSpecification.for(authenticatorDecider);
const SECRET = 'v1.iv.ciphertext.tag';

const changeMethod = (
  method: unknown,
  organization: OrganizationFacts = openOrg,
  current = contacts,
): ChangeMethod => ({
  type: 'ChangeMethod',
  data: {
    accountId: ACCOUNT,
    method,
    organization,
    contacts: current,
    newTotpSecret: SECRET,
  },
});

const requiring2fa: OrganizationFacts = { ...openOrg, twoFactorRequired: true };

describe('PUT /auth/me/method', () => {
  it('changes to email or SMS, in both variants, once the address or phone is verified', () => {
    const cases: [AuthenticationMethod, ReturnType<typeof emailVerified>][] = [
      ['email', emailVerified()],
      ['email-every-time', emailVerified()],
      ['sms', phoneVerified()],
      ['sms-every-time', phoneVerified()],
    ];
    for (const [method, verified] of cases)
      spec
        .given([passwordSet, verified])
        .when(changeMethod(method))
        .then([methodChanged('password', method)]);
  });

  it('refuses email or SMS not verified, or verified for a value the profile no longer has', () => {
    spec
      .given([passwordSet])
      .when(changeMethod('email'))
      .thenThrows('AUTH-method-email-not-verified', 'forbidden');
    spec
      .given([passwordSet])
      .when(changeMethod('sms-every-time'))
      .thenThrows('AUTH-method-phone-not-verified', 'forbidden');
    spec
      .given([passwordSet, emailVerified()])
      .when(
        changeMethod('email', openOrg, {
          ...contacts,
          email: 'new@example.com',
        }),
      )
      .thenThrows('AUTH-method-email-not-verified');
    spec
      .given([passwordSet, phoneVerified()])
      .when(changeMethod('sms', openOrg, { ...contacts, mobilePhone: null }))
      .thenThrows('AUTH-method-phone-not-verified');
  });

  it('starts an enrollment for an authenticator method: the method changes only on confirmation', () => {
    for (const method of ['authenticator', 'authenticator-every-time'] as const)
      spec
        .given([passwordSet])
        .when(changeMethod(method))
        .then([enrollmentStarted(method)]);
  });

  it('switches between the authenticator variants without a new enrollment', () => {
    spec
      .given(historyFor('authenticator'))
      .when(changeMethod('authenticator-every-time'))
      .then([methodChanged('authenticator', 'authenticator-every-time')]);
    // The enrolled app stays usable after a detour by another method.
    spec
      .given([
        ...historyFor('authenticator'),
        emailVerified(),
        methodChanged('authenticator', 'email'),
      ])
      .when(changeMethod('authenticator'))
      .then([methodChanged('email', 'authenticator')]);
  });

  it('appends nothing when the method is already the chosen one', () => {
    spec.given(historyFor('email')).when(changeMethod('email')).thenNothingHappened();
    spec.given([passwordSet]).when(changeMethod('password')).thenNothingHappened();
  });

  it('refuses password alone when the organization requires two-factor, with the reason', () => {
    spec
      .given(historyFor('email'))
      .when(changeMethod('password', requiring2fa))
      .thenThrows('AUTH-method-two-factor-required', 'forbidden');
    spec
      .given(historyFor('email'))
      .when(changeMethod('password'))
      .then([methodChanged('email', 'password')]);
  });

  it("allows only the organization's allowed second factors", () => {
    const onlyAuthenticator: OrganizationFacts = {
      twoFactorRequired: true,
      allowedSecondFactors: ['authenticator'],
    };
    spec
      .given([passwordSet, emailVerified()])
      .when(changeMethod('email', onlyAuthenticator))
      .thenThrows('AUTH-method-factor-not-allowed', 'forbidden');
    spec
      .given([passwordSet, phoneVerified()])
      .when(changeMethod('sms-every-time', onlyAuthenticator))
      .thenThrows('AUTH-method-factor-not-allowed');
    spec
      .given([passwordSet])
      .when(changeMethod('authenticator', onlyAuthenticator))
      .then([enrollmentStarted('authenticator')]);
  });

  it('refuses an unknown method with a 400 naming the field', () => {
    spec
      .given([passwordSet])
      .when(changeMethod('carrier-pigeon'))
      .thenThrows('AUTH-method-invalid', 'invalid');
  });
});
