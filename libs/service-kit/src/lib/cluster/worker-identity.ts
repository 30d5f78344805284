import cluster from 'node:cluster';
import { projectsInThisProcess } from '@accounts/projections';
import { WORKER_ID_ENV, WORKER_ROLE_ENV } from './worker-env';

export { WORKER_ID_ENV, WORKER_ROLE_ENV };

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
