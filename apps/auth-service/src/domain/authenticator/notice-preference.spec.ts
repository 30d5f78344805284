import { DeciderSpecification } from '@accounts/testing';
import { ACCOUNT, passwordSet } from '../testing/fixtures';
import type { ChangeNoticePreference } from './authenticator-commands';
import { authenticatorDecider } from './authenticator-decider';

const spec = DeciderSpecification.for(authenticatorDecider);
const change = (notice: unknown, enabled: unknown): ChangeNoticePreference => ({
  type: 'ChangeNoticePreference',
  data: { accountId: ACCOUNT, notice, enabled },
});

describe('PUT /auth/me/notices/:notice', () => {
  it('turns an optional notice off, and on again', () => {
    const off = {
      type: 'NoticePreferenceChanged',
      data: { accountId: ACCOUNT, notice: 'new-sign-in', enabled: false },
    } as const;
    spec.given([passwordSet]).when(change('new-sign-in', false)).then([off]);
    spec.given([passwordSet, off]).when(change('new-sign-in', false)).thenNothingHappened();
    spec
      .given([passwordSet, off])
      .when(change('new-sign-in', true))
      .then([{ ...off, data: { ...off.data, enabled: true } }]);
    spec.given([passwordSet]).when(change('new-sign-in', true)).thenNothingHappened();
  });

  it('never turns a security-critical notice off', () => {
    spec
      .given([passwordSet])
      .when(change('password-changed', false))
      .thenThrows('AUTH-notice-critical', 'invalid');
    spec.given([passwordSet]).when(change('password-changed', true)).thenNothingHappened();
  });

  it('names the field of a bad input', () => {
    spec
      .given([passwordSet])
      .when(change('weather', false))
      .thenThrows('AUTH-notice-unknown', 'invalid');
    spec
      .given([passwordSet])
      .when(change('new-sign-in', 'no'))
      .thenThrows('AUTH-notice-enabled-invalid', 'invalid');
  });
});
