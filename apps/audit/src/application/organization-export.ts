import type { EventStore, RawRecordedEvent } from '@accounts/event-store';
import type { AccountIndexQueries } from '../projections/account-index.queries';
import { assertInstant } from './account-history';
import { chainHash, GENESIS_HASH, rawEventText } from './hash-chain';
import { readAllRawPages } from './read-all-pages';
import { SEAL_STREAM } from './seals';

export interface ExportQuery {
  readonly orgId: string;
  /** occurredAt, inclusive. */
  readonly from?: string;
  /** occurredAt, exclusive. */
  readonly to?: string;
}

export interface ExportSummary {
  readonly format: 'accounts-audit-export/1';
  readonly orgId: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly count: number;
  readonly firstPosition: number | null;
  readonly lastPosition: number | null;
  /** Hash of the last event line (the genesis hash when there is none). */
  readonly finalHash: string;
}

export interface ExportProgress {
  readonly position: number;
  readonly head: number;
  readonly exported: number;
}

/**
 * The organization's events as JSON lines, each `{ line, prev, hash, event }` with
 * hash = SHA-256(prev + "\n" + JSON of event), then a summary line chained the same way. Streamed:
 * one page of the store in memory at a time, whatever the size of the history. The event's JSON is
 * spliced from the store's text (the raw read), never parsed and written again: the same bytes as
 * JSON.stringify of the envelope, at a fraction of the cost; only metadata is parsed, for the filter.
 */
export async function* organizationExport(
  store: EventStore,
  index: AccountIndexQueries,
  query: ExportQuery,
  onProgress?: (progress: ExportProgress) => void,
): AsyncGenerator<string> {
  assertInstant('from', query.from);
  assertInstant('to', query.to);
  const from = query.from ? Date.parse(query.from) : -Infinity;
  const to = query.to ? Date.parse(query.to) : Infinity;
  const bounded = query.from !== undefined || query.to !== undefined;
  const head = await store.headPosition();
  let previous = GENESIS_HASH;
  let line = 0;
  let firstPosition: number | null = null;
  let lastPosition: number | null = null;
  for await (const page of readAllRawPages(store, { upTo: head })) {
    for (const event of page) {
      if (bounded) {
        const at = Date.parse(event.occurredAt);
        if (at < from || at >= to) continue;
      }
      if (!belongsTo(event, query.orgId, index)) continue;
      const text = rawEventText(event);
      const hash = chainHash(previous, text);
      line += 1;
      yield `{"line":${line},"prev":"${previous}","hash":"${hash}","event":${text}}\n`;
      previous = hash;
      firstPosition ??= event.position;
      lastPosition = event.position;
    }
    onProgress?.({ position: page[page.length - 1].position, head, exported: line });
  }
  const summary: ExportSummary = {
    format: 'accounts-audit-export/1',
    orgId: query.orgId,
    from: query.from ?? null,
    to: query.to ?? null,
    count: line,
    firstPosition,
    lastPosition,
    finalHash: previous,
  };
  const text = JSON.stringify(summary);
  yield `{"line":${line + 1},"prev":"${previous}","hash":"${chainHash(previous, text)}","summary":${text}}\n`;
}

/** An event of the organization: its metadata says so, or it is in a stream of one of its accounts. */
function belongsTo(event: RawRecordedEvent, orgId: string, index: AccountIndexQueries): boolean {
  if (event.streamId === SEAL_STREAM) return false;
  const metadata = JSON.parse(event.metadataJson) as { orgId?: unknown } | null;
  if (metadata?.orgId !== undefined) return metadata.orgId === orgId;
  if (event.streamId === `organization-${orgId}`) return true;
  // Only events written without an organization in their metadata need their payload.
  const accountId = (JSON.parse(event.dataJson) as { accountId?: unknown } | null)?.accountId;
  return typeof accountId === 'string' && index.orgOf(accountId) === orgId;
}
