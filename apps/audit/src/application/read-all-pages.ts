import type {
  EventFilter,
  EventStore,
  RawRecordedEvent,
  ReadAllOptions,
  RecordedEvent,
} from '@accounts/event-store';

const PAGE = 2000;

export interface PagesOptions {
  readonly fromPosition?: number;
  readonly upTo?: number;
  readonly filter?: EventFilter;
}

/** The store's log from `fromPosition` (exclusive) up to `upTo` (inclusive), one page in memory at a time. */
export function readAllPages(
  store: EventStore,
  options: PagesOptions = {},
): AsyncGenerator<RecordedEvent[]> {
  return pages((page) => store.readAll(page), options);
}

/** The same pages with data and metadata as their JSON text (exports and seals hash it as it is). */
export function readAllRawPages(
  store: EventStore,
  options: PagesOptions = {},
): AsyncGenerator<RawRecordedEvent[]> {
  return pages((page) => store.readAllRaw(page), options);
}

async function* pages<E extends { readonly position: number }>(
  read: (options: ReadAllOptions) => Promise<E[]>,
  options: PagesOptions,
): AsyncGenerator<E[]> {
  let position = options.fromPosition ?? 0;
  const upTo = options.upTo ?? Number.MAX_SAFE_INTEGER;
  for (;;) {
    const page = await read({
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
