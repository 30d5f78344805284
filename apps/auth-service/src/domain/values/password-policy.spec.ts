import { refusal } from '../testing/refusal';
import { passwordPolicy } from '../testing/fixtures';
import {
  assertPasswordPolicy,
  commonPasswordList,
  passwordPolicyViolation,
} from './password-policy';

const check = (password: string, userName = 'jane') =>
  passwordPolicyViolation(password, { ...passwordPolicy, userName });

describe('password policy', () => {
  it('accepts 12 to 256 characters that are neither common nor the user name', () => {
    expect(check('blue-kettle-42')).toBeNull();
    expect(check('a'.repeat(12))).toBeNull();
    expect(check('b'.repeat(256))).toBeNull();
  });

  it('refuses fewer than 12 and more than 256 characters, counting characters not bytes', () => {
    expect(check('short-pass1')).toBe('too-short');
    expect(check('c'.repeat(257))).toBe('too-long');
    expect(check('🔑'.repeat(12))).toBeNull();
    expect(check('🔑'.repeat(11))).toBe('too-short');
  });

  it('refuses a password from the common list, whatever its case', () => {
    expect(check('CorrectHorseBatteryStaple')).toBe('common');
    expect(check('password1234')).toBe('common');
    const isCommon = commonPasswordList(new Set(['qwertyuiop123']));
    expect(isCommon('QWERTYUIOP123')).toBe(true);
  });

  it('refuses a password that contains the user name, case-insensitively', () => {
    expect(check('my-JANE-password', 'jane')).toBe('contains-user-name');
    expect(check('xxJaneDoe2026xx', 'JANEDOE')).toBe('contains-user-name');
    // One or two letters would forbid half the dictionary: not looked for.
    expect(check('a-long-passphrase', 'a')).toBeNull();
  });

  it('throws a 400 naming the field with a stable code per rule', () => {
    expect(refusal(() => assertPasswordPolicy('short', passwordPolicy, 'newPassword'))).toEqual({
      kind: 'invalid',
      code: 'AUTH-password-too-short',
      field: 'newPassword',
    });
    expect(refusal(() => assertPasswordPolicy('password1234', passwordPolicy))).toEqual({
      kind: 'invalid',
      code: 'AUTH-password-common',
      field: 'password',
    });
    expect(refusal(() => assertPasswordPolicy('jane-is-my-name', passwordPolicy))).toEqual({
      kind: 'invalid',
      code: 'AUTH-password-contains-user-name',
      field: 'password',
    });
    expect(() => assertPasswordPolicy('blue-kettle-42', passwordPolicy)).not.toThrow();
  });
});
