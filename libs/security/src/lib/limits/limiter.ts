// The one limiter of every service: sliding windows and back-offs over a LimiterStore port.
export * from './backoff-limiter';
export * from './stores/limiter-store';
export * from './stores/memory-limiter-store';
export * from './stores/sqlite-limiter-store';
export * from './stores/postgres-limiter-store';
export * from './stores/fallback-limiter-store';
export * from './stores/sqlite-change-watch';
