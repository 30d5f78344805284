import { createHash } from 'node:crypto';
import type { EventFilter } from './types';

// What a commit can concern, in names a writer announces and a reader waits on: one per event type
// and one per stream category. The SQLite store rings a file per name (sqlite-commit-bell.ts), the
// PostgreSQL store NOTIFYs a channel per name (PostgresSql.notifyChannels): one rule decides both.

/** What a commit held, as far as the bells are concerned: its streams and its events' types. */
export interface CommittedAppend {
  readonly streamId: string;
  readonly events: ReadonlyArray<{ readonly type: string }>;
}

/** Names used as they are; anything else (or longer) is hashed, so a name is always a plain file name. */
const PLAIN_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/** The bell of an event type: `t.<type>`. */
export const typeBell = (type: string) => bellName('t', type);

/**
 * The bell of a stream category: `s.<stream id up to its first '-', included>`, e.g. `s.session-`.
 * A stream id without '-' has no category bell: no filter prefix containing '-' can match it, and a
 * prefix without '-' (whose categories are unknown) watches every bell.
 */
export function categoryBell(streamIdOrPrefix: string): string | undefined {
  const dash = streamIdOrPrefix.indexOf('-');
  return dash < 0 ? undefined : bellName('s', streamIdOrPrefix.slice(0, dash + 1));
}

function bellName(kind: 't' | 's', value: string): string {
  return PLAIN_NAME.test(value)
    ? `${kind}.${value}`
    : `${kind}#${createHash('sha256').update(value).digest('hex').slice(0, 32)}`;
}

/** The bells a commit rings: one per event type and one per stream category in it. */
export function bellsOfCommit(appends: readonly CommittedAppend[]): Set<string> {
  const bells = new Set<string>();
  for (const append of appends) {
    const category = categoryBell(append.streamId);
    if (category) bells.add(category);
    for (const event of append.events) bells.add(typeBell(event.type));
  }
  return bells;
}

/**
 * The bells that ring for every commit a filter can want, or 'all' (every bell: no filter, or a
 * prefix without '-'). Every event has a type and rings its type's bell, so a filter naming types
 * watches those; a filter of prefixes alone watches their categories.
 */
export function bellsOfFilter(filter: EventFilter | undefined): string[] | 'all' {
  if (filter?.eventTypes) return [...new Set(filter.eventTypes.map(typeBell))];
  if (!filter?.streamPrefixes) return 'all';
  const bells = new Set<string>();
  for (const prefix of filter.streamPrefixes) {
    const bell = categoryBell(prefix);
    if (!bell) return 'all';
    bells.add(bell);
  }
  return [...bells];
}
