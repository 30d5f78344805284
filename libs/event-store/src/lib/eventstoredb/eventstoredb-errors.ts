import {
  MaxAppendSizeExceededError,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError as ClientWrongExpectedVersionError,
  isCommandError,
} from '@eventstore/db-client';
import {
  EventStoreError,
  EventStoreUnavailableError,
  InvalidEventStoreInputError,
  WrongExpectedVersionError,
} from '../errors';
import type { ExpectedRevision } from '../types';
import { fromEventStoreDbCurrentRevision } from './eventstoredb-expected-revision';

/** What the adapter asked for when an append failed: the error reports our values, not the client's. */
export interface AppendAttempt {
  readonly streamId: string;
  readonly expected: ExpectedRevision;
}

/**
 * Translates what the client throws into the port's errors. Programming errors (TypeError and the
 * like) pass through untouched so that a bug is not disguised as an outage.
 */
export function translateEventStoreDbError(error: unknown, append?: AppendAttempt): unknown {
  if (error instanceof EventStoreError) return error;
  if (error instanceof ClientWrongExpectedVersionError) {
    return new WrongExpectedVersionError(
      append?.streamId ?? error.streamName,
      append?.expected ?? clientExpectedToOurs(error.expectedVersion),
      fromEventStoreDbCurrentRevision(error.actualVersion),
    );
  }
  if (error instanceof StreamDeletedError) {
    return new InvalidEventStoreInputError(
      'streamId',
      `stream ${error.streamName} was deleted in EventStoreDB`,
    );
  }
  if (error instanceof MaxAppendSizeExceededError) {
    return new InvalidEventStoreInputError(
      'events',
      `exceed the server's maximum append size (${error.maxAppendSize} bytes)`,
    );
  }
  if (error instanceof Error && (isCommandError(error) || isTransportFailure(error))) {
    const detail = error.message || ('type' in error ? String(error.type) : error.name);
    return new EventStoreUnavailableError(`EventStoreDB: ${detail}`, error);
  }
  return error;
}

/** A stream that does not exist (or was deleted by an operator) reads as empty: the port's rule. */
export function readsAsEmptyStream(error: unknown): boolean {
  return error instanceof StreamNotFoundError || error instanceof StreamDeletedError;
}

/** gRPC service errors the client did not convert, and the client's discovery failure. */
function isTransportFailure(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' || /^Failed to discover/.test(error.message);
}

function clientExpectedToOurs(
  expected: ClientWrongExpectedVersionError['expectedVersion'],
): ExpectedRevision {
  return typeof expected === 'bigint' ? Number(expected) : expected;
}
