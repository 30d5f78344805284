import type { SignInEvent } from '@accounts/contracts';
import type {
  AnswerChallenge,
  ChallengeAnswer,
  ResendChallengeCode,
} from '../sign-in/sign-in-commands';
import { ACCOUNT, iso, sha } from './fixtures';
import { SESSION, NEW_DEVICE, SIGNIN, started } from './sign-in-fixtures';

const flow = { signinId: SIGNIN, accountId: ACCOUNT };

export const codeChallenge = (factor: 'email' | 'sms', sentTo: string): SignInEvent => ({
  type: 'SignInChallengeIssued',
  data: {
    ...flow,
    challenge: factor,
    reason: null,
    sentTo,
    codeSha256: sha('c'),
    issuedAt: iso(0),
    expiresAt: iso(600),
    maxAttempts: 5,
  },
});

export const totpChallenge: SignInEvent = {
  type: 'SignInChallengeIssued',
  data: {
    ...flow,
    challenge: 'authenticator',
    reason: null,
    sentTo: null,
    codeSha256: null,
    issuedAt: iso(0),
    expiresAt: iso(600),
    maxAttempts: 5,
  },
};

export const enrollChallenge = (
  reason: Extract<SignInEvent, { type: 'SignInChallengeIssued' }>['data']['reason'],
): SignInEvent => ({
  type: 'SignInChallengeIssued',
  data: {
    ...flow,
    challenge: 'enroll-second-factor',
    reason,
    sentTo: null,
    codeSha256: null,
    issuedAt: iso(0),
    expiresAt: iso(900),
    maxAttempts: 0,
  },
});

export const codeFailed = (
  failedAttempts: number,
  reason: 'wrong' | 'replayed' = 'wrong',
): SignInEvent => ({
  type: 'SignInChallengeCodeFailed',
  data: { ...flow, reason, failedAttempts, attemptsLeft: 5 - failedAttempts },
});

export const answer = (
  given: ChallengeAnswer,
  accountEnabled = true,
  signinId = SIGNIN,
): AnswerChallenge => ({
  type: 'AnswerChallenge',
  data: {
    signinId,
    answer: given,
    accountEnabled,
    sessionId: SESSION,
    newTrustedDeviceId: NEW_DEVICE,
  },
});
export const code = (c = sha('c')): ChallengeAnswer => ({
  kind: 'code',
  codeSha256: c,
});
export const totp = (verdict: 'accepted' | 'wrong' | 'replayed'): ChallengeAnswer => ({
  kind: 'totp',
  verdict,
});

export const emailFlow = [started('email'), codeChallenge('email', 'j***e@example.com')];
export const resend = (c = sha('n')): ResendChallengeCode => ({
  type: 'ResendChallengeCode',
  data: { signinId: SIGNIN, codeSha256: c },
});
export const resent = (resends: number, c = sha('n'), expiresAt = iso(600)): SignInEvent => ({
  type: 'SignInChallengeCodeResent',
  data: { ...flow, codeSha256: c, expiresAt, resends },
});
