import cluster from 'node:cluster';
import { projectsInThisProcess } from '@accounts/projections';

/** Set by the primary in each worker's environment: its slot (1..WORKERS, kept across restarts) and role. */
export const WORKER_ID_ENV = 'ACCOUNTS_WORKER_ID';
/** `projector` (worker 1: projections, reactors, relays) or `follower` (reads the read models only). */
export const WORKER_ROLE_ENV = 'ACCOUNTS_WORKER_ROLE';

export interface WorkerIdentity {
  /** 1..WORKERS; 1 in a single-process service. */
  readonly id: number;
  /** Whether this process maintains the read models and runs the reactors and relays. */
  readonly projects: boolean;
  /** Started by a primary (WORKERS > 1). */
  readonly clustered: boolean;
}

export function workerIdentity(
  env: Readonly<Record<string, string | undefined>> = process.env,
): WorkerIdentity {
  const clustered = cluster.isWorker && env[WORKER_ID_ENV] !== undefined;
  return {
    id: clustered ? Number(env[WORKER_ID_ENV]) : 1,
    projects: projectsInThisProcess(env),
    clustered,
  };
}
