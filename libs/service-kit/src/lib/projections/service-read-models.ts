import type { EventStore } from '@accounts/event-store';
import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { SERVICE_CONFIG } from '../app/service-kit.options';
import { EVENT_STORE } from '../event-store/event-store.token';
import { HealthIndicatorRegistry } from '../health/health-indicator-registry';
import { ReadModelsHost, type ReadModelsHostOptions } from './read-models-host';

/** What a service says about its read models; the file's folder and /health come with the helper. */
export type ReadModelsSpec = Omit<ReadModelsHostOptions, 'dataDir' | 'health'>;

/** Spelled out: the declaration of an anonymous class cannot carry ReadModelsHost's private members. */
export type ReadModelsClass<Config> = new (
  store: EventStore,
  config: Config,
  registry: HealthIndicatorRegistry,
  indicators: HealthIndicatorService,
) => ReadModelsHost;

/**
 * The base class of a service's `ReadModels`: the one constructor every service had (the store, the
 * configuration, /health), so a service only says what its read models are:
 *
 *   @Injectable()
 *   export class ReadModels extends serviceReadModels<ProfileConfig>((store, config) => ({
 *     service: 'profile-service', source: store, projections: [accountDirectoryProjection],
 *     readYourWritesTimeoutMs: config.READ_YOUR_WRITES_TIMEOUT_MS,
 *   })) {}
 */
export function serviceReadModels<Config extends { readonly DATA_DIR: string }>(
  spec: (store: EventStore, config: Config) => ReadModelsSpec,
): ReadModelsClass<Config> {
  @Injectable()
  class ServiceReadModels extends ReadModelsHost {
    constructor(
      @Inject(EVENT_STORE) store: EventStore,
      @Inject(SERVICE_CONFIG) config: Config,
      registry: HealthIndicatorRegistry,
      indicators: HealthIndicatorService,
    ) {
      super({
        ...spec(store, config),
        dataDir: config.DATA_DIR,
        health: { registry, indicators },
      });
    }
  }
  return ServiceReadModels;
}
