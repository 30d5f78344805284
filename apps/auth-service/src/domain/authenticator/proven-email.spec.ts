import { DeciderSpecification } from '@accounts/testing';
import { ACCOUNT, EMAIL, emailVerified, iso, passwordSet } from '../testing/fixtures';
import type { RecordProvenEmail } from './authenticator-commands';
import { authenticatorDecider } from './authenticator-decider';
import { evolveAuthenticator, initialAuthenticatorState } from './authenticator-state';
import { emailForCodes } from '../values/email-for-codes';

const spec = DeciderSpecification.for(authenticatorDecider);
const proven = (email: string, provenAt = iso(60)): RecordProvenEmail => ({
  type: 'RecordProvenEmail',
  data: { accountId: ACCOUNT, email, provenAt },
});

describe('an address proven by the link of an email change (AccountEmailChanged with a requestId)', () => {
  it('is recorded as verified as of the confirmation, so email codes follow it', () => {
    const history = [passwordSet, emailVerified()];
    spec
      .given(history)
      .when(proven('jane.new@example.org'))
      .then([
        {
          type: 'EmailVerified',
          data: {
            accountId: ACCOUNT,
            email: 'jane.new@example.org',
            verifiedAt: iso(60),
          },
        },
      ]);
    const state = [
      ...history,
      {
        type: 'EmailVerified' as const,
        data: {
          accountId: ACCOUNT,
          email: 'jane.new@example.org',
          verifiedAt: iso(60),
        },
      },
    ].reduce(evolveAuthenticator, initialAuthenticatorState());
    expect(emailForCodes(state, 'jane.new@example.org')).toBe('jane.new@example.org');
  });

  it('changes nothing when that address is already the verified one (a redelivered event)', () => {
    spec.given([passwordSet, emailVerified()]).when(proven(EMAIL)).thenNothingHappened();
  });
});
