import type { EventStore } from '@accounts/event-store';
import type { Principal } from '@accounts/security';
import { EVENT_STORE } from '@accounts/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { AuditReadModels } from '../projections/audit-read-models';
import {
  accountHistory,
  assertInstant,
  type HistoryEntry,
  type HistoryQuery,
} from './account-history';
import { administeredAccount, assertAdministratorOf } from './audit-access';
import { myActivity, type ActivityPage, type ActivityQuery } from './my-activity';
import { organizationExport, type ExportQuery } from './organization-export';

export interface HistoryPage {
  readonly accountId: string;
  readonly userName: string;
  readonly timeZone: string;
  readonly entries: readonly HistoryEntry[];
  /** Pass as `after` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/** The audit service's use cases over HTTP; each waits for the account index to reach the store head first. */
@Injectable()
export class AuditQueries {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: AuditReadModels,
  ) {}

  private async upToDate(): Promise<void> {
    await this.readModels.waitFor(await this.store.headPosition());
  }

  async activity(caller: Principal, query: ActivityQuery): Promise<ActivityPage> {
    await this.upToDate();
    return myActivity(this.store, this.readModels.index, caller.accountId, query);
  }

  async history(
    caller: Principal,
    accountId: string,
    query: HistoryQuery & { limit: number; after?: number },
  ): Promise<HistoryPage> {
    await this.upToDate();
    const account = administeredAccount(caller, this.readModels.index, accountId);
    const all = await accountHistory(this.store, this.readModels.index, account, query);
    const after = query.after ?? 0;
    const rest = all.filter((entry) => entry.position > after);
    const entries = rest.slice(0, query.limit);
    return {
      accountId: account.accountId,
      userName: account.userName,
      timeZone: entries[0]?.timeZone ?? query.timeZone ?? account.timeZone,
      entries,
      nextCursor:
        rest.length > entries.length ? String(entries[entries.length - 1].position) : null,
    };
  }

  async export(caller: Principal, query: ExportQuery): Promise<AsyncGenerator<string>> {
    assertAdministratorOf(caller, query.orgId);
    // Checked before the first line goes out: once streaming, an error can no longer be a 400.
    assertInstant('from', query.from);
    assertInstant('to', query.to);
    await this.upToDate();
    return organizationExport(this.store, this.readModels.index, query);
  }
}
