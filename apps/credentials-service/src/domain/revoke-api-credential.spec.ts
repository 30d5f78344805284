import { DeciderSpecification } from '@accounts/testing';
import { apiCredentialsDecider } from './api-credentials-decider';
import {
  admin,
  at,
  generate,
  generated,
  regenerated,
  revoke,
  revoked,
  stranger,
} from './testing/fixtures';

const spec = DeciderSpecification.for(apiCredentialsDecider);

describe('revoking an API credential', () => {
  it('is done by the owner, without a recent sign-in (removing a key only ever protects)', () => {
    const old = { accountId: 'ann', authTime: 0, administersOwner: false };
    spec
      .given([generated('c1'), regenerated('c1')])
      .when(revoke('c1', old), at)
      .then([revoked('c1')]);
  });

  it('is done by an administrator of the owner’s organization, with that reason', () => {
    spec
      .given([generated('c1')])
      .when(revoke('c1', admin), at)
      .then([revoked('c1', 'removed-by-administrator')]);
  });

  it('shows anyone else no such credential', () => {
    spec
      .given([generated('c1')])
      .when(revoke('c1', stranger), at)
      .thenThrows('CREDENTIALS-credential-not-found', 'not_found');
  });

  it('changes nothing the second time', () => {
    spec
      .given([generated('c1'), revoked('c1')])
      .when(revoke('c1'), at)
      .thenNothingHappened();
  });

  it('knows no unknown credential', () => {
    spec
      .given([generated('c1')])
      .when(revoke('c2'), at)
      .thenThrows('CREDENTIALS-credential-not-found', 'not_found');
  });

  it('frees a place under the limit', () => {
    const ten = Array.from({ length: 10 }, (_, i) => generated(`c${i}`));
    spec
      .given([...ten, revoked('c3')])
      .when(generate('c10'), at)
      .then([generated('c10')]);
  });
});
