export * from './lib/projection';
export * from './lib/projection-tx';
export * from './lib/projection-error';
export * from './lib/projection-logger';
export * from './lib/projection-status';
export * from './lib/event-source';
export * from './lib/read-model-database';
export type { ParkedEvent } from './lib/failed-events';
export * from './lib/projection-runner';
