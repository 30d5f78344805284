import type { SignInEvent } from '@accounts/contracts';
import { type CommandContext, DomainError } from '@accounts/event-sourcing';
import { reached } from '../shared/time';
import { passedAndCompleted } from './completion';
import { openChallenge } from './decide-challenge';
import { accountDisabled } from './decide-start-sign-in';
import type { CompleteEnrollment } from './sign-in-commands';
import { factorProvedAt, signInRequirement } from './sign-in-requirement';
import type { Challenge, SignInFlow, SignInState } from './sign-in-state';

/**
 * The open enrollment challenge, or the refusal every step of an enrollment shares (no such
 * challenge, already used, not an enrollment, expired).
 */
export function enrollableChallenge(
  state: SignInState,
  now: Date,
): SignInFlow & { challenge: Challenge } {
  const flow = openChallenge(state);
  if (flow.challenge.kind !== 'enroll-second-factor')
    throw new DomainError(
      'conflict',
      'AUTH-challenge-not-enrollment',
      'This sign-in asks for a code, not for setting up a second factor',
    );
  if (reached(now, flow.challenge.expiresAt))
    throw new DomainError(
      'unauthorized',
      'AUTH-challenge-expired',
      'This sign-in has expired: sign in again',
    );
  return flow;
}

/**
 * Tokens for a sign-in that had to set up a second factor: the account must now have a usable
 * second factor, proved by the user (code confirmed, authenticator enrolled) after the challenge
 * was issued, so that the password alone never suffices.
 */
export function decideCompleteEnrollment(
  { data }: CompleteEnrollment,
  state: SignInState,
  { now }: CommandContext,
): SignInEvent[] {
  const flow = enrollableChallenge(state, now);
  const { challenge } = flow;
  if (!data.account.enabled) throw accountDisabled();
  // A trusted computer does not replace the proof: it is ignored here.
  const next = signInRequirement(data.authenticator, data.account, data.organization, null);
  const provedAt =
    next.kind === 'challenge' ? factorProvedAt(data.authenticator, next.factor) : null;
  if (
    next.kind !== 'challenge' ||
    provedAt === null ||
    Date.parse(provedAt) < Date.parse(challenge.issuedAt)
  )
    throw new DomainError(
      'conflict',
      'AUTH-enrollment-incomplete',
      'Set up and confirm a second factor before completing the sign-in',
      next.kind === 'enroll' ? { reason: next.reason } : undefined,
    );
  const method = data.authenticator.method;
  return passedAndCompleted(flow, next.factor, 'enrollment', method, data);
}
