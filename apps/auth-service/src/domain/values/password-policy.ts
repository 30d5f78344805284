import { invalid } from '@accounts/event-sourcing';

export const PasswordMinLength = 12;
export const PasswordMaxLength = 256;
/** Shorter user names would forbid half the dictionary, so they are not looked for. */
export const UserNameCheckMinLength = 3;

/** What the password rules need besides the password: handed in by the handler. */
export interface PasswordPolicyFacts {
  /** The account's user name; a password may not contain it (case-insensitive). */
  readonly userName: string;
  /** True for a password in the list of common passwords (see commonPasswordList). */
  readonly isCommonPassword: (password: string) => boolean;
}

export type PasswordPolicyViolation = 'too-short' | 'too-long' | 'common' | 'contains-user-name';

/** Builds the `isCommonPassword` predicate from a list; comparison ignores case. */
export function commonPasswordList(passwords: Iterable<string>): (password: string) => boolean {
  const set = new Set([...passwords].map((p) => p.toLowerCase()));
  return (password) => set.has(password.toLowerCase());
}

/** The first rule the password breaks, or null. Length counts characters (code points), not bytes. */
export function passwordPolicyViolation(
  password: string,
  facts: PasswordPolicyFacts,
): PasswordPolicyViolation | null {
  const length = [...password].length;
  if (length < PasswordMinLength) return 'too-short';
  if (length > PasswordMaxLength) return 'too-long';
  if (facts.isCommonPassword(password)) return 'common';
  const userName = facts.userName.toLowerCase();
  if (userName.length >= UserNameCheckMinLength && password.toLowerCase().includes(userName))
    return 'contains-user-name';
  return null;
}

const messages: Record<PasswordPolicyViolation, string> = {
  'too-short': `must be at least ${PasswordMinLength} characters long`,
  'too-long': `must be at most ${PasswordMaxLength} characters long`,
  common: 'is too common: choose one that is harder to guess',
  'contains-user-name': 'must not contain your user name',
};

/** Throws a 400 naming `field` (e.g. `newPassword`) when the password breaks a rule. */
export function assertPasswordPolicy(
  password: string,
  facts: PasswordPolicyFacts,
  field = 'password',
): void {
  const violation = passwordPolicyViolation(password, facts);
  if (violation) {
    throw invalid(field, `AUTH-password-${violation}`, `${field} ${messages[violation]}`);
  }
}
