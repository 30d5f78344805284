import { DeciderSpecification } from '@accounts/testing';
import {
  accountRegistered,
  ADMIN,
  adminActor,
  NOW,
  ORG,
  OTHER_ORG,
  TOKEN_SHA256,
  USER,
  userActor,
} from '../testing/fixtures';
import type { RegisterAccount, RegisterFirstAdministrator } from './account-commands';
import { accountDecider } from './account-decider';

const spec = DeciderSpecification.for(accountDecider);
const register = (data: Partial<RegisterAccount['data']> = {}): RegisterAccount => ({
  type: 'RegisterAccount',
  data: {
    accountId: USER,
    orgId: ORG,
    actor: adminActor(),
    userName: 'jane',
    firstName: ' Jane ',
    lastName: 'Doe',
    email: 'jane@Example.com',
    accountType: 'standard',
    groupRestriction: { kind: 'all' },
    activationTokenSha256: TOKEN_SHA256,
    ...data,
  },
});

describe('an administrator registers an account', () => {
  it('registers it with defaults (UTC, 30m), normalized values and an activation valid 72 hours', () => {
    spec.given([]).when(register(), { now: NOW }).then([accountRegistered()]);
  });

  it('records every given field', () => {
    const command = register({
      mobilePhone: '+33 6 12 34 56 78',
      timeZone: 'Europe/Paris',
      sessionTimeout: 'never',
      accountType: 'read-only',
      groupRestriction: { kind: 'groups', groups: ['Paris', 'Lyon'] },
    });
    spec
      .given([])
      .when(command)
      .then([
        accountRegistered({
          mobilePhone: '+33612345678',
          timeZone: 'Europe/Paris',
          sessionTimeout: 'never',
          accountType: 'read-only',
          groupRestriction: { kind: 'groups', groups: ['Lyon', 'Paris'] },
        }),
      ]);
  });

  it('keeps the activation token out of the event: only its hash and expiry', () => {
    const [event] = accountDecider.decide(register(), accountDecider.initialState(), { now: NOW });
    expect(event.type === 'AccountRegistered' && event.data.activation).toEqual({
      tokenSha256: TOKEN_SHA256,
      expiresAt: '2026-01-04T00:00:00.000Z',
    });
  });

  it('refuses a member who is not an administrator', () => {
    spec
      .given([])
      .when(register({ actor: userActor(ADMIN) }))
      .thenThrows('PROFILE-admin-required', 'forbidden');
  });

  it('answers not found to an administrator of another organization', () => {
    spec
      .given([])
      .when(register({ actor: adminActor(ADMIN, OTHER_ORG) }))
      .thenThrows('PROFILE-org-not-found', 'not_found');
  });

  it('refuses an account id already used', () => {
    spec
      .given([accountRegistered()])
      .when(register())
      .thenThrows('PROFILE-account-exists', 'conflict');
  });

  it.each([
    [{ userName: 'jane doe' }, 'PROFILE-user-name-invalid'],
    [{ firstName: '' }, 'PROFILE-first-name-invalid'],
    [{ lastName: '' }, 'PROFILE-last-name-invalid'],
    [{ email: 'jane' }, 'PROFILE-email-invalid'],
    [{ mobilePhone: '0612345678' }, 'PROFILE-mobile-phone-invalid'],
    [{ timeZone: 'Paris' }, 'PROFILE-time-zone-invalid'],
    [{ sessionTimeout: '3h' }, 'PROFILE-session-timeout-invalid'],
    [{ accountType: 'owner' }, 'PROFILE-account-type-invalid'],
    [{ groupRestriction: { kind: 'groups', groups: [] } }, 'PROFILE-group-restriction-invalid'],
  ])('refuses %p with %s', (bad, code) => {
    spec.given([]).when(register(bad)).thenThrows(code, 'invalid');
  });
});

describe('the first administrator of a new organization', () => {
  const first: RegisterFirstAdministrator = {
    type: 'RegisterFirstAdministrator',
    data: {
      accountId: ADMIN,
      orgId: ORG,
      userName: 'root',
      firstName: 'Ada',
      lastName: 'Admin',
      email: 'ada@example.com',
      timeZone: 'Europe/Paris',
      activationTokenSha256: TOKEN_SHA256,
    },
  };

  it('is an administrator of all groups', () => {
    const expected = accountRegistered({
      accountId: ADMIN,
      userName: 'root',
      firstName: 'Ada',
      lastName: 'Admin',
      email: 'ada@example.com',
      timeZone: 'Europe/Paris',
      accountType: 'administrator',
      groupRestriction: { kind: 'all' },
    });
    spec.given([]).when(first).then([expected]);
  });

  it('is registered once', () => {
    spec
      .given([accountRegistered({ accountId: ADMIN })])
      .when(first)
      .thenThrows('PROFILE-account-exists', 'conflict');
  });
});
