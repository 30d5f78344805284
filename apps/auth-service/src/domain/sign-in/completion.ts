import {
  type AuthenticationMethod,
  asksEveryTime,
  type SecondFactor,
  type SignInEvent,
} from '@accounts/contracts';
import type { CompletionProposal } from './sign-in-commands';
import type { SignInFlow } from './sign-in-state';

/** RFC 8176 method reference of each factor (`email` has none there, so it is named plainly). */
const FactorAmr: Record<SecondFactor, string> = {
  authenticator: 'otp',
  sms: 'sms',
  email: 'email',
};

export const amrOf = (factor: SecondFactor | null): string[] =>
  factor === null ? ['pwd'] : ['pwd', 'mfa', FactorAmr[factor]];

type FlowIds = Pick<SignInFlow, 'signinId' | 'accountId'>;

/** Tokens issued without a second factor this time (password method, or a trusted computer). */
export function completedWithoutFactor(
  flow: FlowIds,
  sessionId: string,
  trustedDeviceId: string | null,
): SignInEvent {
  return {
    type: 'SignInCompleted',
    data: {
      ...flow,
      sessionId,
      amr: amrOf(null),
      trustedDeviceId,
      newTrustedDeviceId: null,
    },
  };
}

/**
 * The second factor passed: tokens, and a new trusted device when the method trusts computers
 * and this one was not recognized.
 */
export function passedAndCompleted(
  flow: FlowIds & Pick<SignInFlow, 'trustedDeviceId'>,
  factor: SecondFactor,
  by: 'code' | 'enrollment' | 'recovery-code',
  method: AuthenticationMethod,
  proposal: CompletionProposal,
): SignInEvent[] {
  const { signinId, accountId } = flow;
  const trusts = !asksEveryTime(method) && flow.trustedDeviceId === null;
  return [
    {
      type: 'SignInChallengePassed',
      data: { signinId, accountId, factor, by },
    },
    {
      type: 'SignInCompleted',
      data: {
        signinId,
        accountId,
        sessionId: proposal.sessionId,
        amr: amrOf(factor),
        trustedDeviceId: null,
        newTrustedDeviceId: trusts ? proposal.newTrustedDeviceId : null,
      },
    },
  ];
}
