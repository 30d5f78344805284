import type { EventStore } from '@accounts/event-store';
import { DomainError } from '@accounts/event-sourcing';
import { type ActivityItem, securityActivity } from '../domain/activity';
import { isTimeZone, timeInZone } from '../domain/time-in-zone';
import type { AccountIndexQueries } from '../projections/account-index.queries';
import { assertTimeZone, loadAccountEvents } from './account-history';

export interface ActivityPage {
  readonly timeZone: string;
  /** Newest first. */
  readonly items: ReadonlyArray<ActivityItem & { readonly localTime: string }>;
  /** Pass as `before` for the next (older) page; null on the last page. */
  readonly nextCursor: string | null;
}

export interface ActivityQuery {
  readonly limit: number;
  readonly before?: string;
  readonly timeZone?: string;
}

/** The caller's own security activity, newest first, in pages, in the caller's zone (or `timeZone`). */
export async function myActivity(
  store: EventStore,
  index: AccountIndexQueries,
  accountId: string,
  query: ActivityQuery,
): Promise<ActivityPage> {
  assertTimeZone('tz', query.timeZone);
  const before = query.before === undefined ? Infinity : Number(query.before);
  if (!Number.isSafeInteger(before) && before !== Infinity) {
    throw new DomainError(
      'invalid',
      'AUDIT-cursor-invalid',
      'before must be the nextCursor of a previous page',
      { field: 'before' },
    );
  }
  const own = index.account(accountId)?.timeZone;
  const zone = query.timeZone ?? (own && isTimeZone(own) ? own : 'UTC');
  const all = securityActivity(
    accountId,
    await loadAccountEvents(store, index, accountId),
    index,
    zone,
  );
  const older = all.filter((item) => item.position < before).reverse();
  const page = older.slice(0, query.limit);
  return {
    timeZone: zone,
    items: page.map((item) => ({
      ...item,
      localTime: timeInZone(item.occurredAt, zone),
    })),
    nextCursor: older.length > page.length ? String(page[page.length - 1].position) : null,
  };
}
