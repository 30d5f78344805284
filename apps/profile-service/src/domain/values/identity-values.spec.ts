import { refusal } from '../testing/refusal';
import { parseEmail } from './email';
import { parseMobilePhone } from './mobile-phone';
import { parseFirstName, parseLastName } from './person-name';
import { parseUserName, sameUserName } from './user-name';

describe('user name', () => {
  it.each(['a', 'Jane42', 'X'.repeat(64)])('accepts %s as typed', (name) => {
    expect(parseUserName(name)).toBe(name);
  });

  it.each(['', 'x'.repeat(65), 'jane doe', 'jane.doe', 'jane_doe', 'jané', ' jane', undefined, 42])(
    'refuses %p naming the field',
    (name) => {
      expect(refusal(() => parseUserName(name))).toEqual({
        kind: 'invalid',
        code: 'PROFILE-user-name-invalid',
        field: 'userName',
      });
    },
  );

  it('compares case-insensitively', () => {
    expect(sameUserName('Jane', 'jANE')).toBe(true);
    expect(sameUserName('Jane', 'Jane2')).toBe(false);
  });
});

describe('first and last name', () => {
  it('trims', () => {
    expect(parseFirstName('  Jane ')).toBe('Jane');
    expect(parseLastName('Doe-Smith')).toBe('Doe-Smith');
  });

  it.each([
    '',
    '   ',
    'a'.repeat(101),
    'Jane\nDoe',
    null,
    'Jane\u202eeoD',
    'Jane\u2028Doe',
    'Jane\u0085',
    'Ja\u200dne',
    'Ja\ufeffne',
  ])('refuses %p', (name) => {
    expect(refusal(() => parseFirstName(name))).toEqual({
      kind: 'invalid',
      code: 'PROFILE-first-name-invalid',
      field: 'firstName',
    });
    expect(refusal(() => parseLastName(name)).field).toBe('lastName');
  });
});

describe('email', () => {
  it('trims and lowercases the domain only', () => {
    expect(parseEmail('  Jane.Doe+tag@Example.COM ')).toBe('Jane.Doe+tag@example.com');
    expect(parseEmail('a@sub.example.co.uk')).toBe('a@sub.example.co.uk');
  });

  it.each([
    '',
    'jane',
    'jane@',
    '@example.com',
    'jane@example',
    'jane doe@example.com',
    'jane@exa_mple.com',
    'jane..doe@example.com',
    'jane@-example.com',
    `${'a'.repeat(65)}@example.com`,
    'jane@example.c0m',
    7,
  ])('refuses %p', (email) => {
    expect(refusal(() => parseEmail(email))).toEqual({
      kind: 'invalid',
      code: 'PROFILE-email-invalid',
      field: 'email',
    });
  });
});

describe('mobile phone', () => {
  it('stores international numbers as E.164', () => {
    expect(parseMobilePhone('+33 6 12 34 56 78')).toBe('+33612345678');
    expect(parseMobilePhone('+1 (415) 555-2671')).toBe('+14155552671');
  });

  it.each([null, undefined, '', '  '])('reads %p as "no phone"', (phone) => {
    expect(parseMobilePhone(phone)).toBeNull();
  });

  it.each(['0612345678', '+33 1 23', '+999', 'call me', 33612345678])(
    'refuses %p with a clear message',
    (phone) => {
      expect(refusal(() => parseMobilePhone(phone))).toEqual({
        kind: 'invalid',
        code: 'PROFILE-mobile-phone-invalid',
        field: 'mobilePhone',
      });
    },
  );
});
