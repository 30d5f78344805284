import {
  START,
  type AllStreamResolvedEvent,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type { RecordedEvent } from '../types';
import { fromEventStoreDbMetadata } from './eventstoredb-metadata';

/*
 * Positions. EventStoreDB gives every event in $all a (commit, prepare) pair of byte offsets in its
 * transaction log. Since v20 an append over gRPC writes each event as its own self-committing
 * prepare record (flags Data | IsCommitted), and $all reports such an event with
 * commit = prepare = that record's own offset (KurrentDB StorageWriterService.WritePrepares and
 * AllReader). So the events of one multi-event append do NOT share a commit position: each one's
 * commit position is distinct and grows in $all order, and the append result carries the commit
 * position of the last event (the TransactionEnd record). The pair only differs for the old
 * explicit transactions of the TCP API (never written by this adapter): there the events share the
 * commit record's position. Our single number is therefore the commit position: unique and
 * growing for everything written over gRPC, monotonic (never decreasing) in every case.
 *
 * `fromPosition` p (exclusive) is sent to the server as {commit: p, prepare: p}; the server starts
 * at or after p, and events with position <= p are dropped on our side.
 */

/** Sentinel some servers put in stream reads for "unknown" (-1 as an unsigned 64-bit number). */
const UNKNOWN_POSITION = BigInt('18446744073709551615');

/** Commit position → ours. 0 when the server did not say (stream reads on servers before 22.6). */
export function toPosition(commit: bigint | undefined): number {
  if (
    commit === undefined ||
    commit === UNKNOWN_POSITION ||
    commit > BigInt(Number.MAX_SAFE_INTEGER)
  )
    return 0;
  return Number(commit);
}

/** Our exclusive checkpoint → where the client starts reading ($all start for 0). */
export function toReadPosition(fromPosition: number): ReadPosition {
  return fromPosition > 0 ? { commit: BigInt(fromPosition), prepare: BigInt(fromPosition) } : START;
}

/** Position of a resolved event as we number it (0 when unknown). */
export function positionOf(resolved: ResolvedEvent | AllStreamResolvedEvent): number {
  return toPosition(resolved.event?.position?.commit ?? resolved.commitPosition);
}

/** The client's event → our envelope; undefined for a link whose target is gone. */
export function toRecordedEvent(
  resolved: ResolvedEvent | AllStreamResolvedEvent,
): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event) return undefined;
  const { metadata, schemaVersion, occurredAt } = fromEventStoreDbMetadata(event.metadata);
  return {
    eventId: event.id,
    type: event.type,
    schemaVersion,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: positionOf(resolved),
    occurredAt: occurredAt ?? event.created.toISOString(),
    data: event.isJson ? event.data : decodeBinary(event.data as Uint8Array),
    metadata: metadata as RecordedEvent['metadata'],
  };
}

/** Events written by other tools as binary: JSON when they hold JSON, else the UTF-8 text. */
function decodeBinary(data: Uint8Array): unknown {
  const text = Buffer.from(data).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
