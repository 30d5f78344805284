import type { ExpectedRevision } from './types';

/** Base of every event-store error; `code` is stable and unique (greppable). */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

/** The stream was not at the expected revision: another writer got there first. */
export class WrongExpectedVersionError extends EventStoreError {
  readonly code = 'STORE-wrong-expected-version';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** Revision of the stream's last event, or -1 when the stream does not exist. */
    readonly actual: number,
  ) {
    super(`Stream ${streamId} is at revision ${actual}, expected ${String(expected)}`);
    this.name = 'WrongExpectedVersionError';
  }
}

/** A caller sent something the store refuses (bad stream id, type, revision, payload). Nothing was written. */
export class InvalidEventStoreInputError extends EventStoreError {
  readonly code = 'STORE-invalid-input';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'InvalidEventStoreInputError';
  }
}

/** The store cannot be reached or failed; the operation may be retried. */
export class EventStoreUnavailableError extends EventStoreError {
  readonly code = 'STORE-unavailable';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'EventStoreUnavailableError';
  }
}
