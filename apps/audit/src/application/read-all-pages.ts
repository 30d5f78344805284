import type { EventFilter, EventStore, RecordedEvent } from '@accounts/event-store';

const PAGE = 2000;

/** The store's log from `fromPosition` (exclusive) up to `upTo` (inclusive), one page in memory at a time. */
export async function* readAllPages(
  store: EventStore,
  options: {
    readonly fromPosition?: number;
    readonly upTo?: number;
    readonly filter?: EventFilter;
  } = {},
): AsyncGenerator<RecordedEvent[]> {
  let position = options.fromPosition ?? 0;
  const upTo = options.upTo ?? Number.MAX_SAFE_INTEGER;
  for (;;) {
    const page = await store.readAll({
      fromPosition: position,
      maxCount: PAGE,
      filter: options.filter,
    });
    if (page.length === 0) return;
    const within = page.filter((event) => event.position <= upTo);
    if (within.length > 0) yield within;
    if (within.length < page.length || page.length < PAGE) return;
    position = page[page.length - 1].position;
  }
}
