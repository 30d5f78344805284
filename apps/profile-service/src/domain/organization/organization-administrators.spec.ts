import type { OrganizationEvent } from '@accounts/contracts';
import { DeciderSpecification } from '@accounts/testing';
import { ADMIN, ADMIN_2, adminAdded, ORG, orgCreated, OTHER_ORG, USER } from '../testing/fixtures';
import type {
  AddOrganizationAdministrator,
  RemoveOrganizationAdministrator,
} from './organization-commands';
import { organizationDecider } from './organization-decider';

const spec = DeciderSpecification.for(organizationDecider);
const oneAdmin = [orgCreated(), adminAdded(ADMIN)];
const twoAdmins = [...oneAdmin, adminAdded(ADMIN_2)];
const by = (accountId: string, orgId = ORG) => ({ accountId, orgId });

const add = (accountId: string, actor = by(ADMIN)): AddOrganizationAdministrator => ({
  type: 'AddOrganizationAdministrator',
  data: { orgId: ORG, accountId, actor },
});
const remove = (
  accountId: string,
  actor = by(ADMIN),
  reason: 'demoted' | 'disabled' = 'demoted',
): RemoveOrganizationAdministrator => ({
  type: 'RemoveOrganizationAdministrator',
  data: { orgId: ORG, accountId, reason, actor },
});
const removed = (
  accountId: string,
  reason: 'demoted' | 'disabled' = 'demoted',
): OrganizationEvent => ({
  type: 'OrganizationAdministratorRemoved',
  data: { orgId: ORG, accountId, reason },
});

describe('administrators of an organization', () => {
  it('records a new administrator', () => {
    spec
      .given(oneAdmin)
      .when(add(USER))
      .then([adminAdded(USER)]);
  });

  it('records an administrator only once (a retried command appends nothing)', () => {
    spec.given(twoAdmins).when(add(ADMIN_2)).thenNothingHappened();
  });

  it('removes an administrator while another one remains', () => {
    spec
      .given(twoAdmins)
      .when(remove(ADMIN_2))
      .then([removed(ADMIN_2)]);
    spec
      .given(twoAdmins)
      .when(remove(ADMIN_2, by(ADMIN), 'disabled'))
      .then([removed(ADMIN_2, 'disabled')]);
  });

  it('appends nothing when removing an account that is not an administrator', () => {
    spec.given(twoAdmins).when(remove(USER)).thenNothingHappened();
  });

  it('never leaves the organization without an administrator', () => {
    spec
      .given(oneAdmin)
      .when(remove(ADMIN))
      .thenThrows('PROFILE-org-last-administrator', 'conflict');
    spec
      .given([...twoAdmins, removed(ADMIN_2)])
      .when(remove(ADMIN, by(ADMIN), 'disabled'))
      .thenThrows('PROFILE-org-last-administrator', 'conflict');
  });

  it('settles two administrators demoting each other at once: the second one is no longer an administrator', () => {
    // Both read revision n; the store accepts the first append, the second retries on the new state.
    spec
      .given([...twoAdmins, removed(ADMIN_2)])
      .when(remove(ADMIN, by(ADMIN_2)))
      .thenThrows('PROFILE-org-admin-required', 'forbidden');
  });

  it('refuses a caller who is not an administrator', () => {
    spec
      .given(oneAdmin)
      .when(add(USER, by(USER)))
      .thenThrows('PROFILE-org-admin-required', 'forbidden');
    spec
      .given(twoAdmins)
      .when(remove(ADMIN, by(USER)))
      .thenThrows('PROFILE-org-admin-required', 'forbidden');
  });

  it('answers not found to another organization or to no organization', () => {
    spec
      .given(twoAdmins)
      .when(add(USER, by(ADMIN, OTHER_ORG)))
      .thenThrows('PROFILE-org-not-found', 'not_found');
    spec.given([]).when(remove(ADMIN)).thenThrows('PROFILE-org-not-found', 'not_found');
  });

  it('follows administrators across additions and removals', () => {
    const state = [...twoAdmins, removed(ADMIN), adminAdded(ADMIN)].reduce(
      organizationDecider.evolve,
      organizationDecider.initialState(),
    );
    expect(state).toMatchObject({
      status: 'created',
      administrators: [ADMIN_2, ADMIN],
    });
  });
});
