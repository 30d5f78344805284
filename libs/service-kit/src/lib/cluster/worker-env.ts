// Apart from worker-identity so the cluster primary reads them without loading the projections library.

/** Set by the primary in each worker's environment: its slot (1..WORKERS, kept across restarts) and role. */
export const WORKER_ID_ENV = 'ACCOUNTS_WORKER_ID';
/** `projector` (worker 1: projections, reactors, relays) or `follower` (reads the read models only). */
export const WORKER_ROLE_ENV = 'ACCOUNTS_WORKER_ROLE';
