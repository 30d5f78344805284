import {
  type Clock,
  CommandRunner,
  type ReadModelsWait,
  type SchemaVersions,
  systemClock,
  type Upcasters,
} from '@accounts/event-sourcing';
import type { EventStore } from '@accounts/event-store';
import type { InjectionToken, Provider } from '@nestjs/common';
import { currentRequestContext } from '../context/request-context-storage';
import { EVENT_STORE } from '../event-store/event-store.token';
import { CLOCK } from './clock.token';

export interface CommandRunnerSetup {
  /** The service's contract table (`ProfileEventSchemaVersions`...). */
  readonly schemaVersions: SchemaVersions;
  readonly upcasters?: Upcasters;
  /** The service's read models, waited for after every append (read-your-writes). */
  readonly readModels?: InjectionToken<ReadModelsWait>;
}

/**
 * The service's CommandRunner, on its event store and CLOCK, with metadata from the request context.
 * Pair it with `clockProvider()` (or a test clock under CLOCK).
 */
export function commandRunnerProvider(setup: CommandRunnerSetup): Provider {
  return {
    provide: CommandRunner,
    useFactory: (store: EventStore, clock: Clock, readModels?: ReadModelsWait) =>
      new CommandRunner({
        store,
        clock,
        schemaVersions: setup.schemaVersions,
        upcasters: setup.upcasters,
        requestContext: currentRequestContext,
        readModels,
      }),
    inject: [EVENT_STORE, CLOCK, ...(setup.readModels ? [setup.readModels] : [])],
  };
}

/** CLOCK: the system clock unless a test passes its own. */
export function clockProvider(clock: Clock = systemClock): Provider {
  return { provide: CLOCK, useValue: clock };
}
