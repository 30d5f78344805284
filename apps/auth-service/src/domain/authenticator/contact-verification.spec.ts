import type { AuthenticatorEvent, ContactChannel } from '@accounts/contracts';
import { DeciderSpecification } from '@accounts/testing';
import {
  ACCOUNT,
  at,
  contacts,
  EMAIL,
  iso,
  NOW,
  PHONE,
  passwordSet,
  sha,
} from '../testing/fixtures';
import type {
  ConfirmContactVerification,
  StartContactVerification,
} from './authenticator-commands';
import { authenticatorDecider } from './authenticator-decider';

const spec = DeciderSpecification.for(authenticatorDecider);

const start = (channel: ContactChannel, current = contacts): StartContactVerification => ({
  type: 'StartContactVerification',
  data: {
    accountId: ACCOUNT,
    channel,
    contacts: current,
    codeSha256: sha('c'),
  },
});
const confirm = (
  channel: ContactChannel,
  code = sha('c'),
  current = contacts,
): ConfirmContactVerification => ({
  type: 'ConfirmContactVerification',
  data: { accountId: ACCOUNT, channel, contacts: current, codeSha256: code },
});
const started = (channel: ContactChannel, destination: string, sentAt = 0): AuthenticatorEvent => ({
  type: 'ContactVerificationStarted',
  data: {
    accountId: ACCOUNT,
    channel,
    destination,
    codeSha256: sha('c'),
    expiresAt: iso(sentAt + 600),
    sentAt: iso(sentAt),
  },
});
const failed = (failedAttempts: number, failedAt = 0): AuthenticatorEvent => ({
  type: 'ContactVerificationFailed',
  data: {
    accountId: ACCOUNT,
    channel: 'email',
    failedAttempts,
    attemptsLeft: 5 - failedAttempts,
    failedAt: iso(failedAt),
  },
});

describe('verifying an email address or a mobile phone with a code', () => {
  it('sends a code (hash only) valid 10 minutes to the current profile value', () => {
    spec
      .given([passwordSet])
      .when(start('email'), { now: NOW })
      .then([started('email', EMAIL)]);
    spec
      .given([passwordSet])
      .when(start('sms'), { now: NOW })
      .then([started('sms', PHONE)]);
    spec
      .given([passwordSet])
      .when(start('sms', { ...contacts, mobilePhone: null }))
      .thenThrows('AUTH-verification-no-phone', 'conflict');
  });

  it('records the value verified when the right code comes back in time', () => {
    spec
      .given([passwordSet, started('email', EMAIL)])
      .when(confirm('email'), { now: at(599) })
      .then([
        {
          type: 'EmailVerified',
          data: { accountId: ACCOUNT, email: EMAIL, verifiedAt: iso(599) },
        },
      ]);
    spec
      .given([passwordSet, started('sms', PHONE)])
      .when(confirm('sms'), { now: NOW })
      .then([
        {
          type: 'PhoneVerified',
          data: { accountId: ACCOUNT, mobilePhone: PHONE, verifiedAt: iso(0) },
        },
      ]);
  });

  it('counts wrong codes and stops after 5', () => {
    spec
      .given([passwordSet, started('email', EMAIL), failed(1)])
      .when(confirm('email', sha('x')), { now: NOW })
      .then([failed(2)]);
    spec
      .given([passwordSet, started('email', EMAIL), ...[1, 2, 3, 4, 5].map(failed)])
      .when(confirm('email'), { now: NOW })
      .thenThrows('AUTH-verification-attempts-exhausted', 'too_many_attempts');
  });

  it('keeps the wrong codes across new codes: 5 per channel and hour, however many codes were sent', () => {
    const given = [
      passwordSet,
      started('email', EMAIL, 0),
      failed(1, 10),
      failed(2, 20),
      failed(3, 30),
      started('email', EMAIL, 40),
      failed(4, 50),
    ];
    spec
      .given(given)
      .when(confirm('email', sha('x')), { now: at(60) })
      .then([failed(5, 60)]);
    const exhausted = [...given, failed(5, 60)];
    // Neither a new code nor the right one helps until the first wrong code is an hour old.
    spec
      .given([...exhausted, started('email', EMAIL, 70)])
      .when(confirm('email'), { now: at(80) })
      .thenThrows('AUTH-verification-attempts-exhausted', 'too_many_attempts');
    spec
      .given(exhausted)
      .when(start('email'), { now: at(80) })
      .thenThrows('AUTH-verification-attempts-exhausted', 'too_many_attempts');
    spec
      .given(exhausted)
      .when(start('email'), { now: at(3610) })
      .then([started('email', EMAIL, 3610)]);
    // The other channel has its own count.
    spec
      .given(exhausted)
      .when(start('sms'), { now: at(80) })
      .then([started('sms', PHONE, 80)]);
  });

  it('sends at most 5 codes per channel and hour, then 429 until the oldest is an hour old', () => {
    const five = [0, 60, 120, 180, 240].map((t) => started('email', EMAIL, t));
    expect(
      (() => {
        try {
          authenticatorDecider.decide(
            start('email'),
            [passwordSet, ...five].reduce(
              authenticatorDecider.evolve,
              authenticatorDecider.initialState(),
            ),
            { now: at(300) },
          );
        } catch (error) {
          return error;
        }
      })(),
    ).toMatchObject({
      code: 'AUTH-verification-send-limit',
      kind: 'too_many_attempts',
      details: { retryAfterSeconds: 3300 },
    });
    spec
      .given([passwordSet, ...five])
      .when(start('email'), { now: at(3600) })
      .then([started('email', EMAIL, 3600)]);
  });

  it('refuses an expired code, a code never asked for, and a code used already', () => {
    spec
      .given([passwordSet, started('email', EMAIL)])
      .when(confirm('email'), { now: at(600) })
      .thenThrows('AUTH-verification-code-expired', 'invalid');
    spec
      .given([passwordSet])
      .when(confirm('email'))
      .thenThrows('AUTH-verification-not-started', 'conflict');
    spec
      .given([passwordSet, started('sms', PHONE)])
      .when(confirm('email'))
      .thenThrows('AUTH-verification-not-started');
    const verified: AuthenticatorEvent = {
      type: 'EmailVerified',
      data: { accountId: ACCOUNT, email: EMAIL, verifiedAt: iso(1) },
    };
    spec
      .given([passwordSet, started('email', EMAIL), verified])
      .when(confirm('email'))
      .thenThrows('AUTH-verification-not-started');
  });

  it('refuses the code when the profile value changed after it was sent', () => {
    spec
      .given([passwordSet, started('email', EMAIL)])
      .when(confirm('email', sha('c'), { ...contacts, email: 'other@example.com' }))
      .thenThrows('AUTH-verification-destination-changed', 'conflict');
  });
});
