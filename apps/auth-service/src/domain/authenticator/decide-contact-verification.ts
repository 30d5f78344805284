import type { AuthenticatorEvent, ContactChannel } from '@accounts/contracts';
import { type CommandContext, DomainError, invalid } from '@accounts/event-sourcing';
import { plusSeconds, reached, secondsUntil } from '../shared/time';
import { OneTimeCodePolicy } from '../values/auth-limits';
import type {
  ConfirmContactVerification,
  RecordProvenEmail,
  StartContactVerification,
} from './authenticator-commands';
import { destinationOf } from './authenticator-queries';
import type { AuthenticatorState } from './authenticator-state';

const { verificationWindowSeconds: WINDOW } = OneTimeCodePolicy;

/** Instants of the last hour in `instants`, oldest first. */
const lastHour = (instants: readonly string[] | undefined, now: Date) =>
  (instants ?? []).filter((at) => now.getTime() - Date.parse(at) < WINDOW * 1000);

/** Refused while the channel has used its wrong codes of the hour, with the wait until one leaves it. */
function assertGuessesLeft(
  state: AuthenticatorState,
  channel: ContactChannel,
  now: Date,
): string[] {
  const failures = lastHour(state.verificationLog[channel]?.failures, now);
  const max = OneTimeCodePolicy.verificationFailuresPerHour;
  if (failures.length >= max)
    throw new DomainError(
      'too_many_attempts',
      'AUTH-verification-attempts-exhausted',
      'Too many wrong codes: try again later',
      {
        retryAfterSeconds: secondsUntil(
          now,
          plusSeconds(new Date(failures[failures.length - max]), WINDOW),
        ),
      },
    );
  return failures;
}

/**
 * A code to the profile's current email or phone; a new one replaces any pending code. At most 5
 * codes per channel and hour, and none while the hour's wrong codes are used up.
 */
export function decideStartContactVerification(
  { data }: StartContactVerification,
  state: AuthenticatorState,
  { now }: CommandContext,
): AuthenticatorEvent[] {
  const sends = lastHour(state.verificationLog[data.channel]?.sends, now);
  const maxSends = OneTimeCodePolicy.verificationSendsPerHour;
  if (sends.length >= maxSends)
    throw new DomainError(
      'too_many_attempts',
      'AUTH-verification-send-limit',
      'Too many codes asked for: try again later',
      {
        retryAfterSeconds: secondsUntil(
          now,
          plusSeconds(new Date(sends[sends.length - maxSends]), WINDOW),
        ),
      },
    );
  assertGuessesLeft(state, data.channel, now);
  const destination = destinationOf(data.channel, data.contacts);
  if (destination === null)
    throw new DomainError(
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
        sentAt: now.toISOString(),
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
    throw new DomainError(
      'conflict',
      'AUTH-verification-not-started',
      'Ask for a verification code first',
    );
  // The code proves the value it was sent to, not a value the profile holds since.
  if (pending.destination !== destinationOf(data.channel, data.contacts))
    throw new DomainError(
      'conflict',
      'AUTH-verification-destination-changed',
      'Your profile changed since the code was sent: ask for a new code',
    );
  // The wrong codes of the hour count whatever codes were sent meanwhile.
  const failures = assertGuessesLeft(state, pending.channel, now);
  if (reached(now, pending.expiresAt))
    throw invalid('code', 'AUTH-verification-code-expired', 'code has expired: ask for a new code');
  const { accountId } = data;
  if (data.codeSha256 !== pending.codeSha256) {
    const failedAttempts = failures.length + 1;
    const attemptsLeft = OneTimeCodePolicy.verificationFailuresPerHour - failedAttempts;
    const failure = {
      accountId,
      channel: pending.channel,
      failedAttempts,
      attemptsLeft,
      failedAt: now.toISOString(),
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

/** An address proven by the link of an email change: verified as of then; already the verified one, nothing. */
export function decideRecordProvenEmail(
  { data }: RecordProvenEmail,
  state: AuthenticatorState,
): AuthenticatorEvent[] {
  if (state.verifiedEmail?.value === data.email) return [];
  return [
    {
      type: 'EmailVerified',
      data: {
        accountId: data.accountId,
        email: data.email,
        verifiedAt: data.provenAt,
      },
    },
  ];
}
