import type {
  SignInFailureFactor,
  SignInGuardEvent,
  SignInGuardSnapshot,
} from '@accounts/contracts';
import { assertNever, type CommandContext, type Decider } from '@accounts/event-sourcing';
import { signInFailed } from '../shared/sign-in-failed';
import {
  guardAfterFailure,
  guardAfterSuccess,
  initialGuard,
  lockedFor,
  UNKNOWN_ADDRESS,
} from '../values/lockout';
import type { SignInGuardCommand } from './guard-commands';

export type SignInGuardState = SignInGuardSnapshot;

/** Every guard event carries the state after it: folding the last event alone is enough. */
export const evolveSignInGuard = (
  state: SignInGuardState,
  event: SignInGuardEvent,
): SignInGuardState => event.data.guard ?? state;

export function decideSignInGuard(
  command: SignInGuardCommand,
  guard: SignInGuardState,
  { now }: CommandContext,
): SignInGuardEvent[] {
  const address = command.data.address ?? UNKNOWN_ADDRESS;
  const retryAfter = lockedFor(guard, now, address);
  // Locked: refused like a wrong password but with 429, and nothing recorded (no attempt happened).
  if (retryAfter !== null && command.type !== 'RecordSignInSuccess') throw signInFailed(retryAfter);
  const { accountId } = command.data;
  const at = now.toISOString();
  const failed = (signinId: string | null, factor: SignInFailureFactor): SignInGuardEvent => ({
    type: 'SignInAttemptFailed',
    data: {
      accountId,
      signinId,
      factor,
      failedAt: at,
      guard: guardAfterFailure(guard, now, address),
    },
  });
  switch (command.type) {
    case 'CheckSignInAllowed':
      return [];
    case 'RecordSignInFailure':
      return [failed(command.data.signinId, command.data.factor)];
    case 'UseTotpCode': {
      const { signinId, totpValid, timeStep } = command.data;
      if (!totpValid) return [failed(signinId, 'authenticator')];
      if (guard.lastTotpStep !== null && timeStep <= guard.lastTotpStep) {
        const after = guardAfterFailure(guard, now, address);
        const data = {
          accountId,
          signinId,
          timeStep,
          failedAt: at,
          guard: after,
        };
        return [{ type: 'TotpCodeReplayed', data }];
      }
      const after = { ...guard, lastTotpStep: timeStep };
      return [
        {
          type: 'TotpCodeAccepted',
          data: { accountId, signinId, timeStep, guard: after },
        },
      ];
    }
    case 'RecordSignInSuccess': {
      const { signinId } = command.data;
      const after = guardAfterSuccess(guard, now, address);
      return [
        {
          type: 'SignInSucceeded',
          data: { accountId, signinId, succeededAt: at, guard: after },
        },
      ];
    }
    default:
      return assertNever(command);
  }
}

/**
 * Stream `signinguard-<accountId>`. Load it with `readStream(id, { direction: 'backwards',
 * maxCount: 1 })`, fold that one event, and append with its revision.
 */
export const signInGuardDecider: Decider<SignInGuardState, SignInGuardCommand, SignInGuardEvent> = {
  decide: decideSignInGuard,
  evolve: evolveSignInGuard,
  initialState: () => initialGuard,
};
