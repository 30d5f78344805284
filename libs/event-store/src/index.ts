export * from './lib/types';
export * from './lib/errors';
export * from './lib/event-store';
export * from './lib/validation';
export * from './lib/sqlite/sqlite-event-store';
export * from './lib/eventstoredb/eventstoredb-event-store';
export * from './lib/sqlite/private-file';
export * from './lib/postgres/postgres-event-store';
