import type { AuthenticationMethod, GroupRestriction, SessionEndReason } from '@accounts/contracts';

const METHODS: Record<AuthenticationMethod, string> = {
  password: 'password',
  email: 'email code',
  'email-every-time': 'email code (every time)',
  sms: 'SMS code',
  'sms-every-time': 'SMS code (every time)',
  authenticator: 'authenticator app',
  'authenticator-every-time': 'authenticator app (every time)',
};

/** `authenticator-every-time` -> `authenticator app (every time)`. */
export function methodInWords(method: string): string {
  return METHODS[method as AuthenticationMethod] ?? method;
}

const FACTORS: Record<string, string> = {
  password: 'password',
  email: 'email code',
  sms: 'SMS code',
  authenticator: 'authenticator code',
};

export function factorInWords(factor: string): string {
  return FACTORS[factor] ?? factor;
}

const SESSION_ENDS: Record<SessionEndReason, string> = {
  logout: 'signed out',
  revoked: 'ended from the sessions list',
  'idle-timeout': 'idle timeout',
  'absolute-limit': 'reached its longest lifetime',
  'refresh-token-reused': 'a refresh token was used twice (possible theft)',
  'account-disabled': 'account disabled',
  'password-changed': 'password changed',
  'password-reset': 'password reset with an emailed link',
};

export function sessionEndInWords(reason: string): string {
  return SESSION_ENDS[reason as SessionEndReason] ?? reason;
}

export function groupRestrictionInWords(restriction: GroupRestriction | null | undefined): string {
  if (!restriction || restriction.kind === 'all') return 'all groups';
  return restriction.groups.length === 0 ? 'no group' : `groups ${restriction.groups.join(', ')}`;
}

/** Empty values read as "none", so "mobile phone none → +4479…" says what happened. */
export function valueInWords(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.join(', ');
  return String(value);
}
