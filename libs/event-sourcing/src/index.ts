export * from './lib/decider';
export * from './lib/domain-error';
export * from './lib/upcast-errors';
export * from './lib/upcasters';
export * from './lib/to-new-event';
export * from './lib/load-aggregate';
export { concurrencyConflict, isWrongExpectedVersion } from './lib/concurrency-conflict';
export * from './lib/handle-command';
export * from './lib/aggregate-cache';
