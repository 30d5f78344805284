import { DeciderSpecification } from '@accounts/testing';
import { historyFor, sha, trustedDeviceAdded } from '../testing/fixtures';
import { completed, started, startSignIn } from '../testing/sign-in-fixtures';
import { codeChallenge, totpChallenge } from '../testing/challenge-fixtures';
import { signInDecider } from './sign-in-decider';

const spec = DeciderSpecification.for(signInDecider);
const onTrusted = { trustedDeviceTokenSha256: sha('d') };
const withDevice = (method: Parameters<typeof historyFor>[0]) => [
  ...historyFor(method),
  trustedDeviceAdded('dev-1', sha('d')),
];

describe('POST /auth/login: what a verified password leads to', () => {
  it('a valid trusted-device token of this account skips the second factor of the plain methods', () => {
    for (const method of ['email', 'sms', 'authenticator'] as const)
      spec
        .given([])
        .when(startSignIn(withDevice(method), onTrusted))
        .then([started(method, 'dev-1'), completed(['pwd'], 'dev-1')]);
  });

  it('the every-time methods ask for the second factor even on a trusted computer', () => {
    spec
      .given([])
      .when(startSignIn(withDevice('email-every-time'), onTrusted))
      .then([started('email-every-time', 'dev-1'), codeChallenge('email', 'j***e@example.com')]);
    spec
      .given([])
      .when(startSignIn(withDevice('sms-every-time'), onTrusted))
      .then([started('sms-every-time', 'dev-1'), codeChallenge('sms', '+33 ******89')]);
    spec
      .given([])
      .when(startSignIn(withDevice('authenticator-every-time'), onTrusted))
      .then([started('authenticator-every-time', 'dev-1'), totpChallenge]);
  });

  it("a device token unknown to this account (e.g. another account's) or expired means an unrecognized computer", () => {
    spec
      .given([])
      .when(
        startSignIn(withDevice('email'), {
          trustedDeviceTokenSha256: sha('f'),
        }),
      )
      .then([started('email'), codeChallenge('email', 'j***e@example.com')]);
    const expired = [
      ...historyFor('sms'),
      trustedDeviceAdded('dev-1', sha('d'), '2025-12-31T00:00:00.000Z'),
    ];
    spec
      .given([])
      .when(startSignIn(expired, onTrusted))
      .then([started('sms'), codeChallenge('sms', '+33 ******89')]);
  });
});
