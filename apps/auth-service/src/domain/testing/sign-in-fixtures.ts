import type { AuthenticationMethod, AuthenticatorEvent, SignInEvent } from '@accounts/contracts';
import type { StartSignIn } from '../sign-in/sign-in-commands';
import { ACCOUNT, authenticatorOf, enabledAccount, historyFor, iso, sha } from './fixtures';

export const SIGNIN = 'signin-1';
export const SESSION = 'sess-1';
export const NEW_DEVICE = 'dev-new';
const flow = { signinId: SIGNIN, accountId: ACCOUNT };

export const startSignIn = (
  history: readonly AuthenticatorEvent[],
  overrides: Partial<StartSignIn['data']> = {},
): StartSignIn => ({
  type: 'StartSignIn',
  data: {
    ...flow,
    passwordVerified: true,
    account: enabledAccount,
    organization: { twoFactorRequired: false },
    authenticator: authenticatorOf(history),
    trustedDeviceTokenSha256: null,
    codeSha256: sha('c'),
    sessionId: SESSION,
    ip: '203.0.113.7',
    userAgent: 'Firefox',
    ...overrides,
  },
});

export const started = (
  method: AuthenticationMethod,
  trustedDeviceId: string | null = null,
): SignInEvent => ({
  type: 'SignInStarted',
  data: {
    ...flow,
    method,
    trustedDeviceId,
    ip: '203.0.113.7',
    userAgent: 'Firefox',
    startedAt: iso(0),
  },
});

export const completed = (
  amr: string[],
  trustedDeviceId: string | null = null,
  newTrustedDeviceId: string | null = null,
): SignInEvent => ({
  type: 'SignInCompleted',
  data: {
    ...flow,
    sessionId: SESSION,
    amr,
    trustedDeviceId,
    newTrustedDeviceId,
  },
});

export const passed = (
  factor: 'email' | 'sms' | 'authenticator',
  by: 'code' | 'enrollment' | 'recovery-code' = 'code',
): SignInEvent => ({
  type: 'SignInChallengePassed',
  data: { ...flow, factor, by },
});

export { historyFor };
