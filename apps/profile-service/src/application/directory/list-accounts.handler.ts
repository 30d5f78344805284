import type { EventStore } from '@accounts/event-store';
import { EVENT_STORE } from '@accounts/service-kit';
import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  organizationAdministeredBy,
  organizationDecider,
  organizationStreamId,
} from '../../domain';
import {
  AccountDirectoryQueries,
  type DirectoryRow,
} from '../../projections/account-directory.queries';
import { ReadModels } from '../../projections/read-models';
import { loadCallerTimeZone } from '../shared/caller-facts';
import { loadHistory } from '../shared/history';
import { inTimeZone } from '../shared/local-times';
import {
  type DirectoryItem,
  type DirectoryListing,
  ListAccountsQuery,
} from './list-accounts.query';

/**
 * Who may list is decided on the organization stream (current administrators); the rows come from the
 * directory once it holds every write committed before the request (edits do not wait for it).
 */
@QueryHandler(ListAccountsQuery)
export class ListAccountsHandler implements IQueryHandler<ListAccountsQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly directory: AccountDirectoryQueries,
    private readonly readModels: ReadModels,
  ) {}

  async execute({ caller, orgId, page }: ListAccountsQuery): Promise<DirectoryListing> {
    const [{ state }, timeZone] = await Promise.all([
      loadHistory(this.store, organizationStreamId(orgId), organizationDecider),
      loadCallerTimeZone(this.store, caller),
      this.readModels.directoryUpToDate(this.store),
    ]);
    organizationAdministeredBy(state, { accountId: caller.accountId, orgId: caller.orgId });
    const { rows, nextCursor } = this.directory.page(orgId, page);
    return { items: rows.map((row) => toItem(row, timeZone)), nextCursor };
  }
}

function toItem(row: DirectoryRow, timeZone: string): DirectoryItem {
  return {
    id: row.account_id,
    userName: row.user_name,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    accountType: row.account_type,
    enabled: row.enabled === 1,
    ...inTimeZone({ createdAt: row.created_at, updatedAt: row.updated_at }, timeZone),
  };
}
