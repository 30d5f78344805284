/**
 * The security notices an account holder receives by email. Critical ones tell of a change an
 * attacker would make and cannot be turned off; the others are on by default.
 */
export const SecurityNotices = {
  'new-sign-in': {
    critical: false,
    description: 'Sign-in from a computer not seen before (time, IP address, browser)',
  },
  'password-changed': {
    critical: true,
    description: 'Your password was changed',
  },
  'password-reset': {
    critical: true,
    description: 'Your password was reset with a forgotten-password link',
  },
  'method-changed': {
    critical: true,
    description: 'Your sign-in method or second factor changed',
  },
  'recovery-codes-generated': {
    critical: true,
    description: 'New recovery codes were generated',
  },
  'recovery-code-used': {
    critical: true,
    description: 'A recovery code was used to sign in',
  },
  'authenticator-reset': {
    critical: true,
    description: 'An administrator reset your authenticator app',
  },
  'totp-replayed': {
    critical: true,
    description: 'An authenticator code was presented twice',
  },
  'email-changed': {
    critical: true,
    description: 'The email address of your account changed (told to the previous address)',
  },
  'api-credential-generated': {
    critical: true,
    description: 'An API credential was generated or regenerated',
  },
  'mobile-phone-changed': {
    critical: true,
    description: 'The mobile phone of your account (where SMS codes go) changed',
  },
  'account-type-changed': {
    critical: true,
    description: 'An administrator changed the type of your account',
  },
  'group-restriction-changed': {
    critical: true,
    description: 'An administrator changed which device groups your account sees',
  },
  'account-disabled': {
    critical: true,
    description: 'An administrator disabled your account (with the reason)',
  },
  'account-enabled': {
    critical: true,
    description: 'An administrator enabled your account again',
  },
  'organization-two-factor-changed': {
    critical: true,
    description:
      "The organization's two-factor requirement was turned on or off (to its administrators)",
  },
} as const satisfies Record<string, { critical: boolean; description: string }>;

export type SecurityNotice = keyof typeof SecurityNotices;

export const isSecurityNotice = (value: unknown): value is SecurityNotice =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(SecurityNotices, value);

/** Whether the account gets `notice`, given the optional notices it turned off. */
export const receivesNotice = (notice: SecurityNotice, optedOut: readonly string[]): boolean =>
  SecurityNotices[notice].critical || !optedOut.includes(notice);
