import type { EventStore } from '@accounts/event-store';
import { EVENT_STORE } from '@accounts/service-kit';
import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { loadCallerTimeZone } from '../shared/caller-facts';
import { ProfileReader } from '../shared/profile-reader';
import { GetOrganizationQuery } from './get-organization.query';
import type { OrganizationView } from './organization-view';

@QueryHandler(GetOrganizationQuery)
export class GetOrganizationHandler implements IQueryHandler<GetOrganizationQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly reader: ProfileReader,
  ) {}

  async execute({ caller, orgId }: GetOrganizationQuery): Promise<OrganizationView> {
    const timeZone = await loadCallerTimeZone(this.store, caller);
    return this.reader.organization(orgId, caller.orgId, timeZone);
  }
}
