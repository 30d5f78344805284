import { DeciderSpecification } from '@accounts/testing';
import {
  ACCOUNT,
  CONFIGURED,
  PHC_CURRENT,
  PHC_NEW,
  PHC_OLD_PARAMS,
  passwordPolicy,
  passwordSet,
} from '../testing/fixtures';
import type { ChangePassword, RehashPassword } from './authenticator-commands';
import { authenticatorDecider } from './authenticator-decider';

const spec = DeciderSpecification.for(authenticatorDecider);

const changePassword = (overrides: Partial<ChangePassword['data']> = {}): ChangePassword => ({
  type: 'ChangePassword',
  data: {
    accountId: ACCOUNT,
    currentPassword: 'blue-kettle-42',
    currentPasswordVerified: true,
    newPassword: 'green-teapot-77',
    repeatPassword: 'green-teapot-77',
    newPasswordHash: PHC_NEW,
    passwordPolicy,
    endOtherSessions: true,
    ...overrides,
  },
});

describe('PUT /auth/me/password', () => {
  it('changes the password and says whether the other sessions end', () => {
    spec
      .given([passwordSet])
      .when(changePassword())
      .then([
        {
          type: 'PasswordChanged',
          data: {
            accountId: ACCOUNT,
            passwordHash: PHC_NEW,
            endOtherSessions: true,
          },
        },
      ]);
    spec
      .given([passwordSet])
      .when(changePassword({ endOtherSessions: false }))
      .then([
        {
          type: 'PasswordChanged',
          data: {
            accountId: ACCOUNT,
            passwordHash: PHC_NEW,
            endOtherSessions: false,
          },
        },
      ]);
  });

  it('needs the current password', () => {
    spec
      .given([passwordSet])
      .when(changePassword({ currentPasswordVerified: false }))
      .thenThrows('AUTH-current-password-wrong', 'invalid');
    spec.given([]).when(changePassword()).thenThrows('AUTH-password-not-set', 'conflict');
  });

  it('needs the same new password twice, within the policy, different from the current one', () => {
    spec
      .given([passwordSet])
      .when(changePassword({ repeatPassword: 'green-teapot-78' }))
      .thenThrows('AUTH-password-repeat-mismatch', 'invalid');
    spec
      .given([passwordSet])
      .when(changePassword({ newPassword: 'short', repeatPassword: 'short' }))
      .thenThrows('AUTH-password-too-short');
    spec
      .given([passwordSet])
      .when(
        changePassword({
          newPassword: 'a'.repeat(257),
          repeatPassword: 'a'.repeat(257),
        }),
      )
      .thenThrows('AUTH-password-too-long');
    spec
      .given([passwordSet])
      .when(
        changePassword({
          newPassword: 'Password1234',
          repeatPassword: 'Password1234',
        }),
      )
      .thenThrows('AUTH-password-common');
    spec
      .given([passwordSet])
      .when(
        changePassword({
          newPassword: 'blue-kettle-42',
          repeatPassword: 'blue-kettle-42',
        }),
      )
      .thenThrows('AUTH-password-unchanged', 'invalid');
  });
});

describe('rehash on sign-in when the argon2 parameters changed', () => {
  const rehash = (overrides: Partial<RehashPassword['data']> = {}): RehashPassword => ({
    type: 'RehashPassword',
    data: {
      accountId: ACCOUNT,
      passwordVerified: true,
      verifiedPasswordHash: PHC_OLD_PARAMS,
      passwordHash: PHC_NEW,
      configured: CONFIGURED,
      ...overrides,
    },
  });
  const oldHash = {
    type: 'PasswordSet',
    data: { accountId: ACCOUNT, passwordHash: PHC_OLD_PARAMS },
  } as const;

  it('stores the new hash after a verified password hashed with other parameters', () => {
    spec
      .given([oldHash])
      .when(rehash())
      .then([
        {
          type: 'PasswordRehashed',
          data: { accountId: ACCOUNT, passwordHash: PHC_NEW },
        },
      ]);
  });

  it('does nothing when the parameters are current, the password was wrong or changed meanwhile', () => {
    spec
      .given([passwordSet])
      .when(rehash({ verifiedPasswordHash: PHC_CURRENT }))
      .thenNothingHappened();
    spec
      .given([oldHash])
      .when(rehash({ passwordVerified: false }))
      .thenNothingHappened();
    spec.given([oldHash, passwordSet]).when(rehash()).thenNothingHappened();
    spec
      .given([oldHash])
      .when(rehash({ passwordHash: PHC_OLD_PARAMS }))
      .thenNothingHappened();
  });
});
