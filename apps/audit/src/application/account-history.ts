import type { EventStore, RecordedEvent } from '@accounts/event-store';
import { DomainError } from '@accounts/event-sourcing';
import { actorInWords, type RecordedActor } from '../domain/actor-in-words';
import { describeEvent } from '../domain/describe-event';
import { isTimeZone, timeInZone } from '../domain/time-in-zone';
import type { AccountIndexQueries, IndexedAccount } from '../projections/account-index.queries';

/** One line of an account's history: what the CLI prints and GET /audit/accounts/:id/history answers. */
export interface HistoryEntry {
  readonly position: number;
  /** ISO-8601 UTC. */
  readonly occurredAt: string;
  /** The same instant in `timeZone`, with its offset. */
  readonly localTime: string;
  readonly timeZone: string;
  readonly actor: {
    readonly kind: string;
    readonly accountId: string | null;
    readonly words: string;
  };
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly summary: string;
  readonly type: string;
  readonly streamId: string;
  readonly revision: number;
  readonly correlationId: string | null;
}

export interface HistoryQuery {
  readonly from?: string;
  readonly to?: string;
  /** Defaults to the account's own zone. */
  readonly timeZone?: string;
}

/** Finds an account by id or by any user name it ever had. */
export function resolveAccount(index: AccountIndexQueries, reference: string): IndexedAccount {
  const byId = index.account(reference);
  if (byId) return byId;
  const candidates = index.candidatesForName(reference);
  const current = candidates.find((c) => c.current);
  if (current) return current;
  const distinct = [...new Map(candidates.map((c) => [c.accountId, c])).values()];
  if (distinct.length === 1) return distinct[0];
  if (distinct.length > 1) {
    throw new DomainError(
      'conflict',
      'AUDIT-account-ambiguous',
      `${distinct.length} accounts once had the user name ${reference}: ${distinct
        .map((c) => `${c.accountId} (now ${c.userName})`)
        .join(', ')}; give an account id`,
      {
        field: 'account',
        candidates: distinct.map((c) => ({ accountId: c.accountId, userName: c.userName })),
      },
    );
  }
  throw new DomainError(
    'not_found',
    'AUDIT-account-unknown',
    `No account has or had the id or user name ${reference}`,
    {
      field: 'account',
    },
  );
}

/** Every event of the account's streams, in global position order. */
export async function loadAccountEvents(
  store: EventStore,
  index: AccountIndexQueries,
  accountId: string,
): Promise<RecordedEvent[]> {
  const streams = await Promise.all(
    index.streamsOf(accountId).map((streamId) => store.readStream(streamId)),
  );
  const events = streams.flat();
  // Streams are each in order; one sort of the whole is simpler than a k-way merge and fast enough for 10^5 events.
  events.sort((a, b) => a.position - b.position);
  return events;
}

export function assertInstant(field: string, value: string | undefined): void {
  if (value !== undefined && Number.isNaN(Date.parse(value))) {
    throw new DomainError(
      'invalid',
      'AUDIT-instant-invalid',
      `${field} must be an ISO-8601 date-time, e.g. 2026-01-31T12:00:00Z`,
      {
        field,
      },
    );
  }
}

export function assertTimeZone(field: string, value: string | undefined): void {
  if (value !== undefined && !isTimeZone(value)) {
    throw new DomainError(
      'invalid',
      'AUDIT-time-zone-invalid',
      `${field} must be an IANA time zone such as Europe/Paris`,
      {
        field,
      },
    );
  }
}

/** The account's history as entries, filtered by occurredAt (from inclusive, to exclusive). */
export async function accountHistory(
  store: EventStore,
  index: AccountIndexQueries,
  account: IndexedAccount,
  query: HistoryQuery = {},
): Promise<HistoryEntry[]> {
  assertInstant('from', query.from);
  assertInstant('to', query.to);
  assertTimeZone('tz', query.timeZone);
  const from = query.from ? Date.parse(query.from) : -Infinity;
  const to = query.to ? Date.parse(query.to) : Infinity;
  const zone = query.timeZone ?? (isTimeZone(account.timeZone) ? account.timeZone : 'UTC');
  const entries: HistoryEntry[] = [];
  for (const event of await loadAccountEvents(store, index, account.accountId)) {
    const at = Date.parse(event.occurredAt);
    if (at < from || at >= to) continue;
    entries.push(toHistoryEntry(event, account.accountId, zone, index));
  }
  return entries;
}

export function toHistoryEntry(
  event: RecordedEvent,
  accountId: string,
  zone: string,
  index: AccountIndexQueries,
): HistoryEntry {
  const metadata = event.metadata ?? ({} as RecordedEvent['metadata']);
  const actor = metadata.actor as RecordedActor | undefined;
  return {
    position: event.position,
    occurredAt: event.occurredAt,
    localTime: timeInZone(event.occurredAt, zone),
    timeZone: zone,
    actor: {
      kind: actor?.kind ?? 'system',
      accountId: actor?.accountId ?? null,
      words: actorInWords(actor, accountId, index),
    },
    ip: metadata.ip ?? null,
    userAgent: metadata.userAgent ?? null,
    summary: describeEvent(event, index, zone),
    type: event.type,
    streamId: event.streamId,
    revision: event.revision,
    correlationId: metadata.correlationId ?? null,
  };
}

/** `2026-03-01 10:00:00+01:00 (09:00:00Z)  administrator bob  email a → b  [AccountEmailChanged account-1@4 #17 corr …]` */
export function historyLine(entry: HistoryEntry): string {
  const utc = entry.occurredAt.slice(11, 19);
  const local = entry.localTime.replace('T', ' ');
  const from = [entry.ip && `ip ${entry.ip}`, entry.userAgent].filter(Boolean).join(', ');
  return (
    `${local} (${utc}Z)  ${entry.actor.words}${from ? ` [${from}]` : ''}: ${entry.summary}` +
    `  — ${entry.type} ${entry.streamId}@${entry.revision} #${entry.position}${entry.correlationId ? ` corr ${entry.correlationId}` : ''}`
  );
}
