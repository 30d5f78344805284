import type { SecondFactor } from './second-factors';

/**
 * The seven ways an account signs in. A plain factor name (`email`, `sms`, `authenticator`) asks
 * for the second factor only on an unrecognized computer; `-every-time` asks at every sign-in.
 */
export const AuthenticationMethods = [
  'password',
  'email',
  'email-every-time',
  'sms',
  'sms-every-time',
  'authenticator',
  'authenticator-every-time',
] as const;
export type AuthenticationMethod = (typeof AuthenticationMethods)[number];

/** The second factor a method uses, or null for `password` alone. */
export function secondFactorOf(method: AuthenticationMethod): SecondFactor | null {
  if (method === 'password') return null;
  return method.replace('-every-time', '') as SecondFactor;
}

/** True when the method asks for the second factor even on a trusted computer. */
export function asksEveryTime(method: AuthenticationMethod): boolean {
  return method.endsWith('-every-time');
}
