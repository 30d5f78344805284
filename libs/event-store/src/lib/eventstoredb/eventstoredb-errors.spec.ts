import {
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NO_STREAM,
  StreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError as ClientWrongExpectedVersionError,
} from '@eventstore/db-client';
import {
  EventStoreUnavailableError,
  InvalidEventStoreInputError,
  WrongExpectedVersionError,
} from '../errors';
import { readsAsEmptyStream, translateEventStoreDbError } from './eventstoredb-errors';

describe("EventStoreDB error translation (the client's own error classes)", () => {
  const wrongVersion = (current: bigint | typeof NO_STREAM) =>
    new ClientWrongExpectedVersionError(undefined, {
      streamName: 'account-1',
      expected: BigInt(3),
      current,
    });

  it("turns the client's wrong-expected-version error into ours, with the caller's expectation", () => {
    const translated = translateEventStoreDbError(wrongVersion(BigInt(5)), {
      streamId: 'account-1',
      expected: 3,
    });
    expect(translated).toBeInstanceOf(WrongExpectedVersionError);
    expect(translated).toMatchObject({
      code: 'STORE-wrong-expected-version',
      streamId: 'account-1',
      expected: 3,
      actual: 5,
    });
  });

  it('reports actual -1 when the stream does not exist', () => {
    const translated = translateEventStoreDbError(wrongVersion(NO_STREAM), {
      streamId: 'account-1',
      expected: 'stream_exists',
    });
    expect(translated).toMatchObject({ expected: 'stream_exists', actual: -1 });
  });

  it("falls back to the client's values when no append context is given", () => {
    expect(translateEventStoreDbError(wrongVersion(BigInt(5)))).toMatchObject({
      streamId: 'account-1',
      expected: 3,
      actual: 5,
    });
  });

  it.each([
    ['unavailable', new UnavailableError(undefined, 'connection refused')],
    ['deadline exceeded', new DeadlineExceededError(undefined, 'too slow')],
    ['failed discovery', new Error('Failed to discover after 10 attempts.')],
    [
      'a raw gRPC service error',
      Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 }),
    ],
  ])('turns %s into EventStoreUnavailableError, keeping the cause', (_label, error) => {
    const translated = translateEventStoreDbError(error);
    expect(translated).toBeInstanceOf(EventStoreUnavailableError);
    expect(translated).toMatchObject({ code: 'STORE-unavailable', cause: error });
  });

  it('refuses appends to a deleted stream or over the size limit as invalid input', () => {
    expect(
      translateEventStoreDbError(StreamDeletedError.fromStreamName('account-1')),
    ).toMatchObject({ field: 'streamId' });
    expect(
      translateEventStoreDbError(MaxAppendSizeExceededError.fromMaxAppendSize(1024)),
    ).toBeInstanceOf(InvalidEventStoreInputError);
  });

  it('passes programming errors and our own errors through untouched', () => {
    const bug = new TypeError('x is undefined');
    const ours = new InvalidEventStoreInputError('events', 'bad');
    expect(translateEventStoreDbError(bug)).toBe(bug);
    expect(translateEventStoreDbError(ours)).toBe(ours);
  });

  it('reads a missing or deleted stream as empty', () => {
    expect(readsAsEmptyStream(new StreamNotFoundError(undefined, 'account-1'))).toBe(true);
    expect(readsAsEmptyStream(StreamDeletedError.fromStreamName('account-1'))).toBe(true);
    expect(readsAsEmptyStream(new UnavailableError())).toBe(false);
  });
});
