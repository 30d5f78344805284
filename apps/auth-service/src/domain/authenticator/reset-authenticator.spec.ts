import { DeciderSpecification } from '@accounts/testing';
import { ACCOUNT, authenticatorOf, historyFor, NOW, ORG } from '../testing/fixtures';
import type { ActorFacts, ResetAuthenticator } from './authenticator-commands';
import { authenticatorDecider } from './authenticator-decider';

const spec = DeciderSpecification.for(authenticatorDecider);
const admin: ActorFacts = {
  accountId: 'acc-admin',
  orgId: ORG,
  isAdministrator: true,
};

const reset = (
  actor: ActorFacts = admin,
  reason: unknown = ' lost phone ',
): ResetAuthenticator => ({
  type: 'ResetAuthenticator',
  data: { accountId: ACCOUNT, actor, accountOrgId: ORG, reason },
});

describe('POST /auth/accounts/:id/authenticator/reset', () => {
  it('clears the authenticator; the method stays, so the next sign-in must enroll', () => {
    spec
      .given(historyFor('authenticator-every-time'))
      .when(reset())
      .then([
        {
          type: 'AuthenticatorReset',
          data: { accountId: ACCOUNT, by: 'acc-admin', reason: 'lost phone' },
        },
      ]);
    const history = historyFor('authenticator-every-time');
    const events = authenticatorDecider.decide(reset(), authenticatorOf(history), { now: NOW });
    expect(authenticatorOf([...history, ...events])).toMatchObject({
      method: 'authenticator-every-time',
      totp: null,
      pendingTotp: null,
    });
  });

  it('is only for another administrator of the same organization, with a reason', () => {
    spec
      .given(historyFor('authenticator'))
      .when(reset({ ...admin, isAdministrator: false }))
      .thenThrows('AUTH-admin-required', 'forbidden');
    spec
      .given(historyFor('authenticator'))
      .when(reset({ ...admin, orgId: 'org-2' }))
      .thenThrows('AUTH-account-not-found', 'not_found');
    spec
      .given(historyFor('authenticator'))
      .when(reset({ ...admin, accountId: ACCOUNT }))
      .thenThrows('AUTH-own-authenticator-reset', 'forbidden');
    spec
      .given(historyFor('authenticator'))
      .when(reset(admin, '  '))
      .thenThrows('AUTH-reset-reason-invalid', 'invalid');
  });

  it('changes nothing when no authenticator is set up', () => {
    spec.given(historyFor('email')).when(reset()).thenNothingHappened();
  });
});
