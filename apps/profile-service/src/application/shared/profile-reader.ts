import { DomainError } from '@accounts/event-sourcing';
import type { EventStore } from '@accounts/event-store';
import { EVENT_STORE } from '@accounts/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import {
  accountDecider,
  accountInActorOrganization,
  accountStreamId,
  organizationDecider,
  organizationStreamId,
} from '../../domain';
import { type AccountView, toAccountView } from '../accounts/account-view';
import { type OrganizationView, toOrganizationView } from '../organizations/organization-view';
import { loadHistory } from './history';
import type { Timestamps } from './local-times';

/**
 * Current state straight from the streams, shown to a member of the same organization. Anything else
 * (missing, another organization's) is the same 404, so existence never leaks.
 */
@Injectable()
export class ProfileReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** `timeZone` of the caller; absent: the account's own (the account is the caller). */
  async account(accountId: string, callerOrgId: string, timeZone?: string): Promise<AccountView> {
    const { state, times } = await loadHistory(
      this.store,
      accountStreamId(accountId),
      accountDecider,
    );
    const account = accountInActorOrganization(state, { orgId: callerOrgId });
    // A registered account has events, hence times.
    return toAccountView(account, times as Timestamps, timeZone ?? account.timeZone);
  }

  async organization(
    orgId: string,
    callerOrgId: string,
    timeZone: string,
  ): Promise<OrganizationView> {
    const { state, times } = await loadHistory(
      this.store,
      organizationStreamId(orgId),
      organizationDecider,
    );
    if (state.status === 'none' || state.orgId !== callerOrgId) throw organizationNotFound();
    return toOrganizationView(state, times as Timestamps, timeZone);
  }
}

/** The domain's answer for another organization, for reads the domain does not decide. */
export function organizationNotFound(): DomainError {
  return new DomainError('not_found', 'PROFILE-org-not-found', 'Organization not found');
}
