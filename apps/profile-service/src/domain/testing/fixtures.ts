import type { AccountRegistered, OrganizationEvent } from '@accounts/contracts';
import type { ActorFacts } from '../shared/actor';

/** Shared given-data for the domain specs (no test framework here, so it type-checks with the app). */
export const ORG = 'org-1';
export const OTHER_ORG = 'org-2';
export const ADMIN = 'acc-admin';
export const ADMIN_2 = 'acc-admin-2';
export const USER = 'acc-user';
export const TOKEN_SHA256 = 'ab'.repeat(32);
export const NOW = new Date('2026-01-01T00:00:00.000Z');

export const adminActor = (accountId = ADMIN, orgId = ORG): ActorFacts => ({
  accountId,
  orgId,
  isAdministrator: true,
});
export const userActor = (accountId = USER, orgId = ORG): ActorFacts => ({
  accountId,
  orgId,
  isAdministrator: false,
});

export const orgCreated = (orgId = ORG): OrganizationEvent => ({
  type: 'OrganizationCreated',
  data: {
    orgId,
    name: 'Acme',
    twoFactorRequired: false,
    emailEditableByUsers: true,
    allowedSecondFactors: ['email', 'sms', 'authenticator'],
  },
});

export const adminAdded = (accountId: string, orgId = ORG): OrganizationEvent => ({
  type: 'OrganizationAdministratorAdded',
  data: { orgId, accountId },
});

export const accountRegistered = (
  overrides: Partial<AccountRegistered['data']> = {},
): AccountRegistered => ({
  type: 'AccountRegistered',
  data: {
    accountId: USER,
    orgId: ORG,
    userName: 'jane',
    firstName: 'Jane',
    lastName: 'Doe',
    email: 'jane@example.com',
    mobilePhone: null,
    timeZone: 'UTC',
    sessionTimeout: '30m',
    accountType: 'standard',
    groupRestriction: { kind: 'all' },
    activation: {
      tokenSha256: TOKEN_SHA256,
      expiresAt: '2026-01-04T00:00:00.000Z',
    },
    ...overrides,
  },
});
