import type { Actor, EventMetadata } from '@accounts/contracts';
import type { EventStore } from '@accounts/event-store';
import type { Backoff } from './backoff';
import type { Clock } from './clock';
import type { Decider, Message } from './decider';
import { eventMetadata, type RequestFacts } from './event-metadata';
import { defaultAggregateCache } from './aggregate-cache';
import { CoalescedReadModelsWait } from './coalesced-read-models-wait';
import { type CommandResult, handleCommand } from './handle-command';
import { type LoadedAggregate, loadAggregate, loadFromLastEvent } from './load-aggregate';
import { type SchemaVersions, Upcasters } from './upcasters';

/** Read models a command's caller must see its own write in (read-your-writes). */
export interface ReadModelsWait {
  waitFor(position: number): Promise<void>;
}

export interface CommandRunnerConfig {
  readonly store: Pick<EventStore, 'readStream' | 'append'>;
  readonly clock: Clock;
  /** The service's contract table: the version each new event is written with. */
  readonly schemaVersions: SchemaVersions;
  /** Steps that lift old payloads on read; their versions must be the contract table's. */
  readonly upcasters?: Upcasters;
  /** The request being handled, if any (service-kit passes `currentRequestContext`). */
  readonly requestContext: () => RequestFacts | undefined;
  /** Waited for after every append unless a run says otherwise. */
  readonly readModels?: ReadModelsWait;
}

export interface RunCommand<State, Command extends Message, Event extends Message> {
  readonly streamId: string;
  readonly decider: Decider<State, Command, Event>;
  readonly command: Command;
  /** Who acts; with `orgId` and the request context it makes the metadata of every new event. */
  readonly actor: Actor;
  readonly orgId?: string;
  /** The instant the use case started at, when it also used it (limits, tokens); the clock otherwise. */
  readonly now?: Date;
  /** `'last-event'` for a stream whose last event carries the whole state (the sign-in guard). */
  readonly load?: 'stream' | 'last-event';
  readonly maxRetries?: number;
  /** The waits between tries after a conflict (tests record them); a fresh `conflictBackoff()` otherwise. */
  readonly backoff?: Backoff;
  /** Read models to wait for instead of the service's, or `false` not to wait. */
  readonly waitFor?: ReadModelsWait | false;
  /**
   * The stream as this request already loaded it with `load` (or loadAggregate) and the same fold:
   * the first try decides on it without reading again; the append still expects its revision.
   */
  readonly loaded?: LoadedAggregate<State>;
  /** Decide first on this process's cached state, without a read (handleCommand's `fromCache`). */
  readonly fromCache?: boolean;
}

/**
 * The one way a service's use cases reach its streams: handleCommand with the service's clock,
 * schema versions, upcasters and request metadata, then the read-your-writes wait.
 */
export class CommandRunner {
  private readonly upcasters: Upcasters;
  /** The service's read models, one wait shared by the requests waiting at the same time. */
  private readonly readModels?: ReadModelsWait;
  /** States `cached` handed out, so that a run on one tells the cache whether it was current. */
  private readonly handedOut = new WeakSet<object>();

  constructor(private readonly config: CommandRunnerConfig) {
    this.upcasters = config.upcasters ?? new Upcasters(config.schemaVersions);
    this.readModels = config.readModels && new CoalescedReadModelsWait(config.readModels);
    for (const [type, version] of Object.entries(config.schemaVersions))
      if (this.upcasters.currentVersion(type) !== version)
        throw new Error(
          `Upcasters read ${type} up to version ${this.upcasters.currentVersion(type)}, the contract writes ${version}`,
        );
  }

  /** The service's clock. */
  now(): Date {
    return this.config.clock();
  }

  /** Metadata for events a use case appends outside `run` (in the same request). */
  metadata(actor: Actor, orgId?: string): EventMetadata {
    return eventMetadata(this.config.requestContext(), actor, orgId);
  }

  async run<State, Command extends Message, Event extends Message>(
    run: RunCommand<State, Command, Event>,
  ): Promise<CommandResult<State, Event>> {
    const result = await handleCommand(this.config.store, {
      streamId: run.streamId,
      decider: run.decider,
      command: run.command,
      metadata: this.metadata(run.actor, run.orgId),
      context: { now: run.now ?? this.now() },
      upcasters: this.upcasters,
      schemaVersions: this.config.schemaVersions,
      maxRetries: run.maxRetries,
      load: run.load,
      backoff: run.backoff,
      loaded: run.loaded,
      fromCache: run.fromCache,
    });
    // A state from `cached` that the first try appended on was current (a miss is seen by the retry's read).
    if (run.loaded && this.handedOut.has(run.loaded) && result.appended.length > 0)
      if (result.nextRevision === run.loaded.revision + result.appended.length)
        defaultAggregateCache.observe(true);
    const readModels = run.waitFor === undefined ? this.readModels : run.waitFor;
    if (readModels && result.appended.length > 0) await readModels.waitFor(result.position);
    return result;
  }

  /**
   * The stream as this process last folded it with the decider's fold, without reading it (undefined
   * when it has not, or when cached states have been missing lately): it may lag behind other
   * processes' writes. A command run on it expects its
   * revision, so a write since is a conflict; a refusal decided on it proves nothing until a fresh read.
   */
  cached<State, Command extends Message, Event extends Message>(
    streamId: string,
    decider: Decider<State, Command, Event>,
  ): LoadedAggregate<State> | undefined {
    // Undefined too while cached states keep missing in this process (no affinity): read instead.
    const cached = defaultAggregateCache.trusted()
      ? defaultAggregateCache.get<State>(this.config.store, decider.evolve, streamId)
      : undefined;
    if (cached) this.handedOut.add(cached);
    return cached;
  }

  /** The state a use case decides on before running its command (upcast like the runner's reads). */
  load<State, Command extends Message, Event extends Message>(
    streamId: string,
    decider: Decider<State, Command, Event>,
    options: { readonly load?: 'stream' | 'last-event' } = {},
  ): Promise<LoadedAggregate<State>> {
    return options.load === 'last-event'
      ? loadFromLastEvent(this.config.store, streamId, decider, this.upcasters)
      : loadAggregate(this.config.store, streamId, decider, this.upcasters);
  }
}
