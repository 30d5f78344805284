import type { LoadedAggregate } from './load-aggregate';

/**
 * Folded state per (store, evolve function, stream), so a command reads only the events appended since it
 * last looked instead of the whole history. Always safe: the tail is read from the store every time,
 * and the append's expected revision still guards against concurrent writers, in any process.
 * Works because evolve never mutates a state (it returns a new one).
 */
export class AggregateCache {
  private perStore = new WeakMap<object, WeakMap<object, Map<string, LoadedAggregate<unknown>>>>();

  /**
   * How often lately a cached state was still the stream's last (an exponential average of misses).
   * Deciding on a cached state without a read pays only when requests for a stream keep coming to
   * this process (a client's keep-alive connection to one worker); spread over workers, it mostly
   * misses, and a miss costs a refused append and the read anyway.
   */
  private missRate = 0;

  constructor(private readonly maxStreamsPerFold = 10_000) {}

  /** Whether deciding on the cached state, without a read, has been paying off in this process. */
  trusted(): boolean {
    return this.missRate < 0.1;
  }

  /** What a read (or an append expecting the cached revision) found: the cached state was current or not. */
  observe(current: boolean): void {
    this.missRate = this.missRate * 0.9 + (current ? 0 : 0.1);
  }

  get<State>(store: object, evolve: object, streamId: string): LoadedAggregate<State> | undefined {
    const streams = this.perStore.get(store)?.get(evolve);
    const entry = streams?.get(streamId);
    if (entry && streams) {
      streams.delete(streamId); // least recently used goes first
      streams.set(streamId, entry);
    }
    return entry as LoadedAggregate<State> | undefined;
  }

  /**
   * Forgets every folded state: the next command on a stream reads it whole once. A quiet worker does
   * this before its idle collection (service-kit's idle-gc), so states a load folded (a session keeps
   * every rotated refresh-token hash) go back to the OS with the load's garbage.
   */
  clear(): void {
    this.perStore = new WeakMap();
  }

  set<State>(store: object, evolve: object, streamId: string, entry: LoadedAggregate<State>): void {
    let deciders = this.perStore.get(store);
    if (!deciders) this.perStore.set(store, (deciders = new WeakMap()));
    let streams = deciders.get(evolve);
    if (!streams) deciders.set(evolve, (streams = new Map()));
    streams.delete(streamId);
    streams.set(streamId, entry);
    if (streams.size > this.maxStreamsPerFold)
      streams.delete(streams.keys().next().value as string);
  }
}

/** The process-wide cache that handleCommand and loadAggregate use unless told otherwise. */
export const defaultAggregateCache = new AggregateCache();
