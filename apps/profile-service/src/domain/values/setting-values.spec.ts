import { refusal } from '../testing/refusal';
import { parseAccountType } from './account-type';
import { parseBooleanSetting } from './boolean-setting';
import { parseGroupRestriction, sameGroupRestriction } from './group-restriction';
import { parseOrganizationName } from './organization-name';
import { parseSecondFactors } from './second-factors';
import { parseSessionTimeout } from './session-timeout';
import { parseTimeZone } from './time-zone';

describe('time zone', () => {
  it.each([
    ['Europe/Paris', 'Europe/Paris'],
    ['europe/paris', 'Europe/Paris'],
    ['America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['Europe/Kyiv', 'Europe/Kyiv'],
    ['utc', 'UTC'],
  ])('accepts %s as %s', (zone, canonical) => {
    expect(parseTimeZone(zone)).toBe(canonical);
  });

  it.each(['', 'Mars/Olympus_Mons', '+01:00', 'Europe/Paris ', null])('refuses %p', (zone) => {
    expect(refusal(() => parseTimeZone(zone))).toEqual({
      kind: 'invalid',
      code: 'PROFILE-time-zone-invalid',
      field: 'timeZone',
    });
  });
});

describe('session timeout', () => {
  it.each(['15m', '30m', '1h', '2h', '4h', '8h', 'never'])('accepts %s', (timeout) => {
    expect(parseSessionTimeout(timeout)).toBe(timeout);
  });

  it.each(['10m', '1d', 'NEVER', '', 1800])('refuses %p', (timeout) => {
    expect(refusal(() => parseSessionTimeout(timeout))).toEqual({
      kind: 'invalid',
      code: 'PROFILE-session-timeout-invalid',
      field: 'sessionTimeout',
    });
  });
});

describe('account type', () => {
  it.each(['administrator', 'standard', 'read-only'])('accepts %s', (type) => {
    expect(parseAccountType(type)).toBe(type);
  });

  it.each(['admin', 'Administrator', '', undefined])('refuses %p', (type) => {
    expect(refusal(() => parseAccountType(type)).code).toBe('PROFILE-account-type-invalid');
  });
});

describe('group restriction', () => {
  it('accepts all groups, or a list kept trimmed, unique and sorted', () => {
    expect(parseGroupRestriction({ kind: 'all' })).toEqual({ kind: 'all' });
    expect(
      parseGroupRestriction({
        kind: 'groups',
        groups: [' Paris', 'Lyon', 'Paris'],
      }),
    ).toEqual({
      kind: 'groups',
      groups: ['Lyon', 'Paris'],
    });
  });

  it.each([
    undefined,
    'all',
    { kind: 'groups', groups: [] },
    { kind: 'groups', groups: ['  '] },
    { kind: 'groups', groups: [3] },
    { kind: 'groups', groups: ['x'.repeat(101)] },
    { kind: 'some' },
  ])('refuses %p', (restriction) => {
    expect(refusal(() => parseGroupRestriction(restriction))).toEqual({
      kind: 'invalid',
      code: 'PROFILE-group-restriction-invalid',
      field: 'groupRestriction',
    });
  });

  it('compares lists regardless of the order they were given in', () => {
    const a = parseGroupRestriction({ kind: 'groups', groups: ['b', 'a'] });
    const b = parseGroupRestriction({ kind: 'groups', groups: ['a', 'b'] });
    expect(sameGroupRestriction(a, b)).toBe(true);
    expect(sameGroupRestriction(a, { kind: 'all' })).toBe(false);
  });
});

describe('organization settings values', () => {
  it('trims the organization name and refuses an empty or long one', () => {
    expect(parseOrganizationName(' Acme ')).toBe('Acme');
    expect(refusal(() => parseOrganizationName(' ')).field).toBe('name');
    expect(refusal(() => parseOrganizationName('x'.repeat(201))).code).toBe(
      'PROFILE-org-name-invalid',
    );
    expect(refusal(() => parseOrganizationName('Acme\u0000')).field).toBe('name');
    expect(refusal(() => parseOrganizationName('Acme\nCorp')).field).toBe('name');
  });

  it('keeps second factors unique in a fixed order', () => {
    expect(parseSecondFactors(['authenticator', 'email', 'email'])).toEqual([
      'email',
      'authenticator',
    ]);
    expect(parseSecondFactors([])).toEqual([]);
  });

  it.each([['password'], 'email', [null]])('refuses second factors %p', (factors) => {
    expect(refusal(() => parseSecondFactors(factors))).toEqual({
      kind: 'invalid',
      code: 'PROFILE-second-factors-invalid',
      field: 'allowedSecondFactors',
    });
  });

  it('refuses a setting that is not a boolean', () => {
    expect(refusal(() => parseBooleanSetting('yes', 'twoFactorRequired'))).toEqual({
      kind: 'invalid',
      code: 'PROFILE-setting-invalid',
      field: 'twoFactorRequired',
    });
  });
});
