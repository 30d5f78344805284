import { DeciderSpecification } from '@accounts/testing';
import { ADMIN, adminAdded, ORG, orgCreated } from '../testing/fixtures';
import type { CreateOrganization } from './organization-commands';
import { organizationDecider } from './organization-decider';

const spec = DeciderSpecification.for(organizationDecider);
const create = (data: Partial<CreateOrganization['data']> = {}): CreateOrganization => ({
  type: 'CreateOrganization',
  data: {
    orgId: ORG,
    name: ' Acme ',
    firstAdministratorId: ADMIN,
    serverHasOrganization: false,
    bootstrapAuthorized: false,
    ...data,
  },
});

describe('create an organization', () => {
  it('creates the first organization of the server with default settings and its first administrator', () => {
    spec
      .given([])
      .when(create())
      .then([orgCreated(), adminAdded(ADMIN)]);
  });

  it('refuses another organization without the bootstrap token', () => {
    spec
      .given([])
      .when(create({ serverHasOrganization: true }))
      .thenThrows('PROFILE-org-bootstrap-required', 'forbidden');
  });

  it('creates another organization with the bootstrap token', () => {
    spec
      .given([])
      .when(create({ serverHasOrganization: true, bootstrapAuthorized: true }))
      .then([orgCreated(), adminAdded(ADMIN)]);
  });

  it('refuses to create an organization twice', () => {
    spec
      .given([orgCreated()])
      .when(create({ bootstrapAuthorized: true }))
      .thenThrows('PROFILE-org-exists', 'conflict');
  });

  it('refuses an empty name', () => {
    spec
      .given([])
      .when(create({ name: '  ' }))
      .thenThrows('PROFILE-org-name-invalid', 'invalid');
  });
});
