import type { AuthenticatorEvent } from '@accounts/contracts';
import { type CommandContext, DomainError } from '@accounts/event-sourcing';
import { RecoveryCodePolicy } from '../values/auth-limits';
import { sameHash } from '../values/same-hash';
import type { GenerateRecoveryCodes, UseRecoveryCode } from './authenticator-commands';
import type { AuthenticatorState } from './authenticator-state';

/** Recovery codes replace a second factor, so an account without one has nothing to recover. */
export const hasSecondFactor = (state: AuthenticatorState): boolean => state.method !== 'password';

export const recoveryCodesLeft = (state: AuthenticatorState): number =>
  state.recoveryCodes
    ? state.recoveryCodes.codeSha256s.length - state.recoveryCodes.used.length
    : 0;

export function decideGenerateRecoveryCodes(
  { data }: GenerateRecoveryCodes,
  state: AuthenticatorState,
  { now }: CommandContext,
): AuthenticatorEvent[] {
  if (!hasSecondFactor(state))
    throw new DomainError(
      'conflict',
      'AUTH-recovery-codes-need-second-factor',
      'Recovery codes replace a second factor: choose a sign-in method with one first',
    );
  if (!data.recentSignIn)
    throw new DomainError(
      'forbidden',
      'AUTH-recent-sign-in-required',
      'For your safety, sign in again (within the last 15 minutes) before generating new recovery codes',
    );
  // A programming error: the handler makes the codes.
  if (data.codeSha256s.length !== RecoveryCodePolicy.count)
    throw new Error(`expected ${RecoveryCodePolicy.count} recovery codes`);
  return [
    {
      type: 'RecoveryCodesGenerated',
      data: {
        accountId: data.accountId,
        setId: data.setId,
        codeSha256s: data.codeSha256s,
        generatedAt: now.toISOString(),
      },
    },
  ];
}

/**
 * A matching unused code of the current set is used up; anything else changes nothing (the caller
 * counts the wrong guess on the challenge and the sign-in guard). Every code is compared, in
 * constant time, so the answer's timing does not tell which one matched.
 */
export function decideUseRecoveryCode(
  { data }: UseRecoveryCode,
  state: AuthenticatorState,
): AuthenticatorEvent[] {
  const set = state.recoveryCodes;
  if (!set) return [];
  let match = -1;
  set.codeSha256s.forEach((hash, index) => {
    if (sameHash(hash, data.codeSha256) && !set.used.includes(index)) match = index;
  });
  if (match === -1) return [];
  return [
    {
      type: 'RecoveryCodeUsed',
      data: {
        accountId: data.accountId,
        setId: set.setId,
        codeIndex: match,
        signinId: data.signinId,
        remaining: recoveryCodesLeft(state) - 1,
      },
    },
  ];
}
