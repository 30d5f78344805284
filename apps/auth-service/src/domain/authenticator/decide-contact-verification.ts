import type { AuthenticatorEvent } from '@accounts/contracts';
import type { CommandContext } from '@accounts/event-sourcing';
import { invalid, refuse } from '../shared/refuse';
import { plusSeconds, reached } from '../shared/time';
import { OneTimeCodePolicy } from '../values/auth-limits';
import type {
  ConfirmContactVerification,
  StartContactVerification,
} from './authenticator-commands';
import { destinationOf } from './authenticator-queries';
import type { AuthenticatorState } from './authenticator-state';

/** A code to the profile's current email or phone; a new one replaces any pending code. */
export function decideStartContactVerification(
  { data }: StartContactVerification,
  _state: AuthenticatorState,
  { now }: CommandContext,
): AuthenticatorEvent[] {
  const destination = destinationOf(data.channel, data.contacts);
  if (destination === null)
    throw refuse(
      'conflict',
      'AUTH-verification-no-phone',
      'Add a mobile phone to your profile before verifying it',
    );
  return [
    {
      type: 'ContactVerificationStarted',
      data: {
        accountId: data.accountId,
        channel: data.channel,
        destination,
        codeSha256: data.codeSha256,
        expiresAt: plusSeconds(now, OneTimeCodePolicy.lifetimeSeconds),
      },
    },
  ];
}

export function decideConfirmContactVerification(
  { data }: ConfirmContactVerification,
  state: AuthenticatorState,
  { now }: CommandContext,
): AuthenticatorEvent[] {
  const pending = state.pendingVerification;
  if (!pending || pending.channel !== data.channel)
    throw refuse(
      'conflict',
      'AUTH-verification-not-started',
      'Ask for a verification code first',
    );
  // The code proves the value it was sent to, not a value the profile holds since.
  if (pending.destination !== destinationOf(data.channel, data.contacts))
    throw refuse(
      'conflict',
      'AUTH-verification-destination-changed',
      'Your profile changed since the code was sent: ask for a new code',
    );
  if (pending.failedAttempts >= OneTimeCodePolicy.maxAttempts)
    throw refuse(
      'too_many_attempts',
      'AUTH-verification-attempts-exhausted',
      'Too many wrong codes: ask for a new code',
    );
  if (reached(now, pending.expiresAt))
    throw invalid(
      'code',
      'AUTH-verification-code-expired',
      'code has expired: ask for a new code',
    );
  const { accountId } = data;
  if (data.codeSha256 !== pending.codeSha256) {
    const failedAttempts = pending.failedAttempts + 1;
    const attemptsLeft = OneTimeCodePolicy.maxAttempts - failedAttempts;
    const failure = {
      accountId,
      channel: pending.channel,
      failedAttempts,
      attemptsLeft,
    };
    return [{ type: 'ContactVerificationFailed', data: failure }];
  }
  const verifiedAt = now.toISOString();
  return pending.channel === 'email'
    ? [
        {
          type: 'EmailVerified',
          data: { accountId, email: pending.destination, verifiedAt },
        },
      ]
    : [
        {
          type: 'PhoneVerified',
          data: { accountId, mobilePhone: pending.destination, verifiedAt },
        },
      ];
}
