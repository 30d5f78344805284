import { randomUUID } from 'node:crypto';
import { inspectAppend } from './append-inspector';
import { InvalidEventStoreInputError } from './errors';
import type { ExpectedRevision, NewEvent } from './types';

/** An event checked and serialised, ready for any adapter to write. */
export interface PreparedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly occurredAt: string;
  readonly data: string;
  readonly metadata: string;
}

const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9_.:@=+-]{0,254}$/;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_EVENTS_PER_APPEND = 10_000;

export function validateStreamId(streamId: unknown): string {
  if (typeof streamId !== 'string' || !STREAM_ID.test(streamId)) {
    throw new InvalidEventStoreInputError(
      'streamId',
      'must be 1-255 characters of letters, digits and _ . : @ = + -, starting with a letter or digit',
    );
  }
  return streamId;
}

export function validateExpectedRevision(expected: unknown): ExpectedRevision {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists')
    return expected;
  if (isRevision(expected)) return expected;
  throw new InvalidEventStoreInputError(
    'expectedRevision',
    "must be 'any', 'no_stream', 'stream_exists' or a non-negative integer",
  );
}

export function isRevision(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Checks a count or position option: a non-negative integer (or positive when `positive`). */
export function validateCount(field: string, value: unknown, positive = false): number {
  if (!isRevision(value) || (positive && value === 0)) {
    throw new InvalidEventStoreInputError(
      field,
      `must be a ${positive ? 'positive' : 'non-negative'} integer`,
    );
  }
  return value;
}

/** Validates an append request completely before anything is written. */
export function prepareAppend(
  streamId: unknown,
  events: readonly NewEvent[],
  expected: unknown,
  now: Date = new Date(),
): { streamId: string; expected: ExpectedRevision; events: PreparedEvent[] } {
  const id = validateStreamId(streamId);
  const exp = validateExpectedRevision(expected);
  if (!Array.isArray(events) || events.length === 0 || events.length > MAX_EVENTS_PER_APPEND) {
    throw new InvalidEventStoreInputError(
      'events',
      `must hold 1 to ${MAX_EVENTS_PER_APPEND} events`,
    );
  }
  const occurredAt = now.toISOString();
  const prepared = events.map((e, i) => prepareEvent(e, i, occurredAt));
  inspectAppend(id, prepared);
  return { streamId: id, expected: exp, events: prepared };
}

function prepareEvent(event: NewEvent, index: number, defaultOccurredAt: string): PreparedEvent {
  const at = (field: string) => `events[${index}].${field}`;
  if (typeof event !== 'object' || event === null) {
    throw new InvalidEventStoreInputError(`events[${index}]`, 'must be an object');
  }
  if (typeof event.type !== 'string' || !EVENT_TYPE.test(event.type)) {
    throw new InvalidEventStoreInputError(
      at('type'),
      'must be 1-128 characters: a letter, then letters, digits, _ . -',
    );
  }
  if (
    event.eventId !== undefined &&
    (typeof event.eventId !== 'string' || !UUID.test(event.eventId))
  ) {
    throw new InvalidEventStoreInputError(at('eventId'), 'must be a UUID');
  }
  const schemaVersion = event.schemaVersion ?? 1;
  if (!Number.isSafeInteger(schemaVersion) || schemaVersion < 1) {
    throw new InvalidEventStoreInputError(at('schemaVersion'), 'must be a positive integer');
  }
  if (event.occurredAt !== undefined && !isIsoInstant(event.occurredAt)) {
    throw new InvalidEventStoreInputError(at('occurredAt'), 'must be an ISO-8601 UTC instant');
  }
  return {
    eventId: event.eventId ?? randomUUID(),
    type: event.type,
    schemaVersion,
    occurredAt: event.occurredAt ?? defaultOccurredAt,
    data: serialise(index, 'data', event.data, true),
    metadata: serialise(index, 'metadata', event.metadata ?? {}, false),
  };
}

/** The last instant accepted: the events of one append usually share theirs. */
let lastIsoInstant = '';

function isIsoInstant(value: unknown): boolean {
  if (value === lastIsoInstant) return true;
  const valid =
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value) &&
    !isNaN(Date.parse(value));
  if (valid) lastIsoInstant = value;
  return valid;
}

/** JSON text of a value made only of JSON types; anything JSON would silently change is refused. */
function serialise(index: number, name: string, value: unknown, anyJson: boolean): string {
  if (!anyJson && !isPlainObject(value))
    throw new InvalidEventStoreInputError(
      `events[${index}].${name}`,
      'must be a plain JSON object',
    );
  // The check that names the offending field runs only when the quick one finds something.
  if (!isJsonTree(value, 0)) assertJson(`events[${index}].${name}`, value, new Set());
  return JSON.stringify(value);
}

/** Beyond this depth the quick check leaves the verdict to assertJson (a cycle goes deeper forever). */
const QUICK_CHECK_DEPTH = 32;

/**
 * True only for a value assertJson accepts (null, strings, booleans, finite numbers, plain objects and
 * arrays of them, no cycle), without building each field's path as assertJson does: a payload is
 * almost always fine, and then its paths are never needed. False sends it to assertJson, which decides.
 */
function isJsonTree(value: unknown, depth: number): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      break;
    default:
      return false;
  }
  if (depth >= QUICK_CHECK_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isJsonTree(value[i], depth + 1)) return false;
    return true;
  }
  if (!isPlainObject(value)) return false;
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (item !== undefined && !isJsonTree(item, depth + 1)) return false;
  }
  return true;
}

function assertJson(path: string, value: unknown, seen: Set<object>): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new InvalidEventStoreInputError(path, 'numbers must be finite');
    return;
  }
  if (typeof value !== 'object') {
    throw new InvalidEventStoreInputError(path, `a ${typeof value} is not JSON-serialisable`);
  }
  if (seen.has(value)) throw new InvalidEventStoreInputError(path, 'contains a circular reference');
  seen.add(value);
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertJson(`${path}[${i}]`, item, seen));
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) assertJson(`${path}.${key}`, item, seen);
    }
  } else {
    throw new InvalidEventStoreInputError(
      path,
      'only plain objects, arrays and JSON values are allowed',
    );
  }
  seen.delete(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Checks a filter's shape; an empty list is refused because it would match nothing by mistake. */
export function validateFilter(filter: unknown): void {
  if (filter === undefined) return;
  if (typeof filter !== 'object' || filter === null)
    throw new InvalidEventStoreInputError('filter', 'must be an object');
  for (const key of ['streamPrefixes', 'eventTypes'] as const) {
    const list = (filter as Record<string, unknown>)[key];
    if (list === undefined) continue;
    if (
      !Array.isArray(list) ||
      list.length === 0 ||
      !list.every((s) => typeof s === 'string' && s.length > 0)
    ) {
      throw new InvalidEventStoreInputError(
        `filter.${key}`,
        'must be a non-empty list of non-empty strings',
      );
    }
  }
}
