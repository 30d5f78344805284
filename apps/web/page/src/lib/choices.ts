/** The seven sign-in methods, in the help page's words. */
export const SIGN_IN_METHODS = [
  {
    value: 'password',
    label: 'Password',
    factor: null,
    help: 'Your user name and password, nothing else.',
  },
  {
    value: 'email',
    label: 'Two factor: email',
    factor: 'email',
    help: 'After your password, a code sent to your email address when you sign in from a computer we do not recognise.',
  },
  {
    value: 'email-every-time',
    label: 'Two factor: email, every time',
    factor: 'email',
    help: 'After your password, a code sent to your email address every time you sign in.',
  },
  {
    value: 'sms',
    label: 'Two factor: SMS',
    factor: 'sms',
    help: 'After your password, a code sent by text message to your mobile phone when you sign in from a computer we do not recognise.',
  },
  {
    value: 'sms-every-time',
    label: 'Two factor: SMS, every time',
    factor: 'sms',
    help: 'After your password, a code sent by text message to your mobile phone every time you sign in.',
  },
  {
    value: 'authenticator',
    label: 'Authenticator app',
    factor: 'authenticator',
    help: 'After your password, a code from an authenticator app (such as Google Authenticator) when you sign in from a computer we do not recognise.',
  },
  {
    value: 'authenticator-every-time',
    label: 'Authenticator app, every time',
    factor: 'authenticator',
    help: 'After your password, a code from your authenticator app every time you sign in.',
  },
] as const;

export type SignInMethod = (typeof SIGN_IN_METHODS)[number]['value'];

export const SESSION_TIMEOUTS = [
  { value: '15m', label: '15 minutes', ms: 15 * 60_000 },
  { value: '30m', label: '30 minutes', ms: 30 * 60_000 },
  { value: '1h', label: '1 hour', ms: 3_600_000 },
  { value: '2h', label: '2 hours', ms: 2 * 3_600_000 },
  { value: '4h', label: '4 hours', ms: 4 * 3_600_000 },
  { value: '8h', label: '8 hours', ms: 8 * 3_600_000 },
  { value: 'never', label: 'Never', ms: Infinity },
] as const;

export const ACCOUNT_TYPES = [
  { value: 'administrator', label: 'Administrator' },
  { value: 'standard', label: 'Standard' },
  { value: 'read-only', label: 'Read-only' },
] as const;

export function timeoutMs(value: string | undefined): number {
  return SESSION_TIMEOUTS.find((t) => t.value === value)?.ms ?? 30 * 60_000;
}
