import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  type AppendExpectedRevision,
  type CurrentRevision,
} from '@eventstore/db-client';
import type { ExpectedRevision } from '../types';

/** Our expected revision → the client's. */
export function toEventStoreDbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

/** The client's current revision → ours: the last event's revision, -1 when there is no stream. */
export function fromEventStoreDbCurrentRevision(
  current: CurrentRevision | AppendExpectedRevision,
): number {
  return typeof current === 'bigint' ? Number(current) : -1;
}
