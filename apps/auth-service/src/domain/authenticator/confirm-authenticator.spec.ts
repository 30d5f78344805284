import { DeciderSpecification } from '@accounts/testing';
import {
  ACCOUNT,
  enrolled,
  enrollmentStarted,
  historyFor,
  iso,
  methodChanged,
  NOW,
  passwordSet,
} from '../testing/fixtures';
import type { ConfirmAuthenticator } from './authenticator-commands';
import { authenticatorDecider } from './authenticator-decider';

const spec = DeciderSpecification.for(authenticatorDecider);

const confirm = (totpValid: boolean): ConfirmAuthenticator => ({
  type: 'ConfirmAuthenticator',
  data: { accountId: ACCOUNT, totpValid },
});

describe('POST /auth/me/authenticator/confirm', () => {
  it('enrolls the app and changes the method when the code is valid', () => {
    spec
      .given([passwordSet, enrollmentStarted('authenticator-every-time')])
      .when(confirm(true), { now: NOW })
      .then([
        enrolled('authenticator-every-time', iso(0)),
        methodChanged('password', 'authenticator-every-time'),
      ]);
  });

  it('refuses a wrong code and a confirmation without an enrollment', () => {
    spec
      .given([passwordSet, enrollmentStarted()])
      .when(confirm(false))
      .thenThrows('AUTH-authenticator-code-wrong', 'invalid');
    spec
      .given([passwordSet])
      .when(confirm(true))
      .thenThrows('AUTH-authenticator-enrollment-not-started', 'conflict');
    spec
      .given(historyFor('authenticator'))
      .when(confirm(true))
      .thenThrows('AUTH-authenticator-enrollment-not-started');
  });
});
