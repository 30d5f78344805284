import type { OrganizationEvent } from '@accounts/contracts';
import { DeciderSpecification } from '@accounts/testing';
import { ADMIN, adminAdded, ORG, orgCreated, OTHER_ORG, USER } from '../testing/fixtures';
import type { ChangeOrganizationSettings } from './organization-commands';
import { organizationDecider } from './organization-decider';

const spec = DeciderSpecification.for(organizationDecider);
const existing = [orgCreated(), adminAdded(ADMIN)];
type Settings = Omit<ChangeOrganizationSettings['data'], 'orgId' | 'actor'>;
const change = (
  settings: Settings,
  actor = { accountId: ADMIN, orgId: ORG },
): ChangeOrganizationSettings => ({
  type: 'ChangeOrganizationSettings',
  data: { orgId: ORG, actor, ...settings },
});

describe('organization settings', () => {
  it('appends one event per changed setting, in a fixed order', () => {
    const expected: OrganizationEvent[] = [
      {
        type: 'OrganizationRenamed',
        data: { orgId: ORG, from: 'Acme', to: 'Acme Corp' },
      },
      {
        type: 'OrganizationTwoFactorRequirementChanged',
        data: { orgId: ORG, from: false, to: true },
      },
      {
        type: 'OrganizationEmailEditingChanged',
        data: { orgId: ORG, from: true, to: false },
      },
      {
        type: 'OrganizationAllowedSecondFactorsChanged',
        data: {
          orgId: ORG,
          from: ['email', 'sms', 'authenticator'],
          to: ['sms', 'authenticator'],
        },
      },
    ];
    spec
      .given(existing)
      .when(
        change({
          allowedSecondFactors: ['authenticator', 'sms'],
          emailEditableByUsers: false,
          twoFactorRequired: true,
          name: 'Acme Corp',
        }),
      )
      .then(expected);
  });

  it('appends nothing when the values are the current ones', () => {
    spec
      .given(existing)
      .when(
        change({
          name: 'Acme',
          twoFactorRequired: false,
          emailEditableByUsers: true,
          allowedSecondFactors: ['sms', 'email', 'authenticator'],
        }),
      )
      .thenNothingHappened();
    spec.given(existing).when(change({})).thenNothingHappened();
  });

  it('applies settings changed earlier', () => {
    const locked: OrganizationEvent = {
      type: 'OrganizationEmailEditingChanged',
      data: { orgId: ORG, from: true, to: false },
    };
    spec
      .given([...existing, locked])
      .when(change({ emailEditableByUsers: false }))
      .thenNothingHappened();
  });

  it('lets any subset of second factors be allowed, even none while two-factor is not required', () => {
    spec
      .given(existing)
      .when(change({ allowedSecondFactors: [] }))
      .then([
        {
          type: 'OrganizationAllowedSecondFactorsChanged',
          data: { orgId: ORG, from: ['email', 'sms', 'authenticator'], to: [] },
        },
      ]);
  });

  it('refuses to require two-factor while no second factor is allowed', () => {
    spec
      .given(existing)
      .when(change({ twoFactorRequired: true, allowedSecondFactors: [] }))
      .thenThrows('PROFILE-org-second-factor-required', 'invalid');
  });

  it('refuses bad values naming the setting', () => {
    spec
      .given(existing)
      .when(change({ name: '' }))
      .thenThrows('PROFILE-org-name-invalid', 'invalid');
    spec
      .given(existing)
      .when(change({ allowedSecondFactors: ['fax'] }))
      .thenThrows('PROFILE-second-factors-invalid');
    const notBoolean = { twoFactorRequired: 'yes' as unknown as boolean };
    spec.given(existing).when(change(notBoolean)).thenThrows('PROFILE-setting-invalid', 'invalid');
  });

  it('refuses a member who is not an administrator', () => {
    spec
      .given(existing)
      .when(change({ name: 'X' }, { accountId: USER, orgId: ORG }))
      .thenThrows('PROFILE-org-admin-required', 'forbidden');
  });

  it('answers not found to another organization, as for an organization that does not exist', () => {
    spec
      .given(existing)
      .when(change({ name: 'X' }, { accountId: ADMIN, orgId: OTHER_ORG }))
      .thenThrows('PROFILE-org-not-found', 'not_found');
    spec
      .given([])
      .when(change({ name: 'X' }))
      .thenThrows('PROFILE-org-not-found', 'not_found');
  });
});
