import { api, type Challenge, type TokenAnswer } from './client';

export type SignInStep =
  | { kind: 'tokens'; tokens: TokenAnswer }
  | { kind: 'challenge'; challenge: Challenge };

export async function startSignIn(userName: string, password: string): Promise<SignInStep> {
  const answer = await api.post<TokenAnswer & Challenge>(
    '/api/auth/login',
    { userName, password },
    { auth: false },
  );
  return answer.accessToken
    ? { kind: 'tokens', tokens: answer }
    : { kind: 'challenge', challenge: answer };
}

/** A code from the factor, or one of the recovery codes instead. */
export function answerChallenge(
  challengeId: string,
  answer: { code: string } | { recoveryCode: string },
): Promise<TokenAnswer> {
  return api.post<TokenAnswer>(`/api/auth/login/${challengeId}`, answer, {
    auth: false,
  });
}

/** Where the code was sent, in words. */
export function challengePrompt(challenge: Challenge): string {
  if (challenge.method.startsWith('authenticator'))
    return 'Enter the 6-digit code from your authenticator app.';
  if (challenge.method.startsWith('sms'))
    return `Enter the 6-digit code we sent by text message${challenge.sentTo ? ` to ${challenge.sentTo}` : ''}.`;
  return `Enter the 6-digit code we sent by email${challenge.sentTo ? ` to ${challenge.sentTo}` : ''}.`;
}

/** Methods that trust a computer after a passed second factor ("every time" methods never do). */
export function trustsComputer(method: string): boolean {
  return !method.endsWith('every-time');
}
