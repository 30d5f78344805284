import type { SignInGuardEvent } from '@accounts/contracts';
import { ACCOUNT, at } from './fixtures';
import type { SignInGuardCommand } from '../guard/guard-commands';
import { signInGuardDecider } from '../guard/guard-decider';

export const check: SignInGuardCommand = {
  type: 'CheckSignInAllowed',
  data: { accountId: ACCOUNT },
};
export const wrongPassword: SignInGuardCommand = {
  type: 'RecordSignInFailure',
  data: { accountId: ACCOUNT, signinId: null, factor: 'password' },
};
export const success: SignInGuardCommand = {
  type: 'RecordSignInSuccess',
  data: { accountId: ACCOUNT, signinId: 's-1' },
};
export const totp = (timeStep: number, totpValid = true): SignInGuardCommand => ({
  type: 'UseTotpCode',
  data: { accountId: ACCOUNT, signinId: 's-1', totpValid, timeStep },
});

/** The owner's usual address, and an attacker's. */
export const HOME = '203.0.113.10';
export const ATTACKER = '198.51.100.66';

/** The same command made from a given client address. */
export const fromAddress = (command: SignInGuardCommand, address: string): SignInGuardCommand =>
  ({ ...command, data: { ...command.data, address } }) as SignInGuardCommand;

/** The history the decider itself writes: each command decided at its instant. */
export function history(steps: readonly [SignInGuardCommand, Date][]): SignInGuardEvent[] {
  const events: SignInGuardEvent[] = [];
  for (const [command, now] of steps) {
    const state = events.reduce(signInGuardDecider.evolve, signInGuardDecider.initialState());
    events.push(...signInGuardDecider.decide(command, state, { now }));
  }
  return events;
}
export const failures = (n: number, from = 0, every = 0): [SignInGuardCommand, Date][] =>
  Array.from({ length: n }, (_, i) => [wrongPassword, at(from + i * every)]);
