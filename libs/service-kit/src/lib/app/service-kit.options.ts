import type { EventStore } from '@accounts/event-store';
import type { DestinationStream } from 'pino';
import type { BaseConfig } from '../config/base-config';

export interface ServiceKitOptions {
  /** Used in logs (`service`), metrics (`service` label) and the OpenAPI title. */
  readonly serviceName: string;
  /** The service's validated configuration (its own schema extends baseConfigSchema). */
  readonly config: BaseConfig;
  /** Use this store instead of opening one; the caller keeps it and closes it. */
  readonly eventStore?: EventStore;
  /** Where the JSON log lines go; stdout when absent. Tests collect them. */
  readonly logStream?: DestinationStream;
}

/** DI token of the ServiceKitOptions. */
export const SERVICE_KIT_OPTIONS = Symbol('SERVICE_KIT_OPTIONS');

/** DI token of the service's whole validated configuration: `@Inject(SERVICE_CONFIG) config: ProfileConfig`. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
