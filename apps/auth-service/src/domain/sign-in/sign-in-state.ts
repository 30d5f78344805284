import type {
  AuthenticationMethod,
  ChallengeKind,
  EnrollmentReason,
  SignInEvent,
} from '@accounts/contracts';
import { tolerateUnknownEvent } from '@accounts/event-sourcing';

export interface Challenge {
  readonly kind: ChallengeKind;
  readonly reason: EnrollmentReason | null;
  readonly sentTo: string | null;
  readonly codeSha256: string | null;
  readonly issuedAt: string;
  readonly expiresAt: string;
  readonly maxAttempts: number;
  readonly failedAttempts: number;
  readonly resends: number;
}

export interface SignInFlow {
  readonly status: 'open' | 'completed';
  readonly signinId: string;
  readonly accountId: string;
  readonly method: AuthenticationMethod;
  readonly trustedDeviceId: string | null;
  readonly challenge: Challenge | null;
  readonly sessionId: string | null;
}

export type SignInState = { readonly status: 'none' } | SignInFlow;

export const initialSignInState = (): SignInState => ({ status: 'none' });

export function evolveSignIn(state: SignInState, event: SignInEvent): SignInState {
  if (event.type === 'SignInStarted') {
    const { signinId, accountId, method, trustedDeviceId } = event.data;
    const flow = { signinId, accountId, method, trustedDeviceId };
    return { status: 'open', ...flow, challenge: null, sessionId: null };
  }
  if (state.status === 'none') return state;
  const challenge = state.challenge;
  switch (event.type) {
    case 'SignInChallengeIssued': {
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      const { signinId, accountId, challenge: kind, ...issued } = event.data;
      const next = { kind, ...issued, failedAttempts: 0, resends: 0 };
      return { ...state, challenge: next };
    }
    case 'SignInChallengeCodeResent': {
      if (!challenge) return state;
      const { codeSha256, expiresAt, resends } = event.data;
      return {
        ...state,
        challenge: { ...challenge, codeSha256, expiresAt, resends },
      };
    }
    case 'SignInChallengeCodeFailed': {
      if (!challenge) return state;
      const { failedAttempts } = event.data;
      return { ...state, challenge: { ...challenge, failedAttempts } };
    }
    case 'SignInChallengePassed':
      return state;
    case 'SignInCompleted':
      return { ...state, status: 'completed', sessionId: event.data.sessionId };
    default:
      return tolerateUnknownEvent(event, state);
  }
}
