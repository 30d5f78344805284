import { Query } from '@nestjs/cqrs';
import type { Principal } from '@accounts/security';
import type { OrganizationView } from './organization-view';

/** GET /organizations/:orgId, by any member of that organization. */
export class GetOrganizationQuery extends Query<OrganizationView> {
  constructor(
    readonly caller: Principal,
    readonly orgId: string,
  ) {
    super();
  }
}
