import type { TokenAnswer } from '../sessions/token-answers';

/** A second factor to give: the challenge to answer at POST /auth/login/:challengeId. */
export interface ChallengeAnswerBody {
  readonly challengeId: string;
  readonly method: string;
  readonly sentTo: string | null;
  readonly reason?: string;
}

/** Tokens of a completed sign-in; a computer that became trusted gets its token. */
export type SignInTokens = TokenAnswer & { trustedDeviceToken?: string };

export type LoginAnswer =
  | { kind: 'tokens'; tokens: SignInTokens }
  | { kind: 'challenge'; challenge: ChallengeAnswerBody };
