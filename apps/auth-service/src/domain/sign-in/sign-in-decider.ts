import type { SignInEvent } from '@accounts/contracts';
import { assertNever, type CommandContext, type Decider } from '@accounts/event-sourcing';
import { decideAnswerChallenge, decideResendChallengeCode } from './decide-challenge';
import { decideCompleteEnrollment } from './decide-complete-enrollment';
import { decideStartSignIn } from './decide-start-sign-in';
import type { SignInCommand } from './sign-in-commands';
import { evolveSignIn, initialSignInState, type SignInState } from './sign-in-state';

export function decideSignIn(
  command: SignInCommand,
  state: SignInState,
  ctx: CommandContext,
): SignInEvent[] {
  switch (command.type) {
    case 'StartSignIn':
      return decideStartSignIn(command, state, ctx);
    case 'ResendChallengeCode':
      return decideResendChallengeCode(command, state, ctx);
    case 'AnswerChallenge':
      return decideAnswerChallenge(command, state, ctx);
    case 'CompleteEnrollment':
      return decideCompleteEnrollment(command, state, ctx);
    default:
      return assertNever(command);
  }
}

/** Stream `signin-<signinId>`: one sign-in flow. */
export const signInDecider: Decider<SignInState, SignInCommand, SignInEvent> = {
  decide: decideSignIn,
  evolve: evolveSignIn,
  initialState: initialSignInState,
};
