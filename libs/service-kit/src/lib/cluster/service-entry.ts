import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { baseConfigSchema } from '../config/base-config';
import { ConfigError } from '../config/config-error';
import { loadConfig } from '../config/load-config';
import { runClusterPrimary } from './cluster-primary';
import { idleGcMs, startIdleGc } from './idle-gc';

export interface ServiceEntryOptions {
  readonly serviceName: string;
  /** Loads and starts the app: a dynamic import of the module that calls bootstrapService. */
  readonly start: () => unknown;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Variables the primary adds to each worker's environment (read by the service's own libraries at start, e.g. GLIBC_TUNABLES). */
  readonly workerEnv?: (
    env: Readonly<Record<string, string | undefined>>,
  ) => Record<string, string>;
}

/** The only variables the primary reads: how many workers, how long they get to stop, how it logs. */
const primarySchema = {
  WORKERS: baseConfigSchema.WORKERS,
  SHUTDOWN_TIMEOUT_MS: baseConfigSchema.SHUTDOWN_TIMEOUT_MS,
  LOG_LEVEL: baseConfigSchema.LOG_LEVEL,
  WORKER_IDLE_GC_MS: baseConfigSchema.WORKER_IDLE_GC_MS,
  WORKER_START_TIMEOUT_MS: baseConfigSchema.WORKER_START_TIMEOUT_MS,
};

/**
 * A service's main.ts: with WORKERS > 1 (default: one per core) this process becomes the cluster
 * primary and never loads the app, so it stays small (it forks, restarts, gathers /metrics and
 * passes signals on; about 40 MiB instead of the app's 95); each worker, or the single process
 * with WORKERS=1, runs `start`. The workers validate the whole environment: a bad variable stops
 * worker 1 before it listens, and the primary then stops with exit code 1.
 */
export function runServiceEntry(options: ServiceEntryOptions): void {
  const env = options.env ?? process.env;
  if (!cluster.isPrimary) {
    startIdleGc(idleGcMs(env));
    options.start();
    return;
  }
  let config;
  try {
    config = loadConfig(primarySchema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${options.serviceName}: ${error.message}\n`);
    process.exit(1);
  }
  const workers = config.WORKERS ?? availableParallelism();
  if (workers <= 1) {
    // gc() is there only if NODE_OPTIONS has --expose-gc: a single process has no primary to add it.
    startIdleGc(config.WORKER_IDLE_GC_MS);
    options.start();
    return;
  }
  void runClusterPrimary({
    serviceName: options.serviceName,
    workers,
    cores: availableParallelism(),
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    logLevel: config.LOG_LEVEL,
    startTimeoutMs: config.WORKER_START_TIMEOUT_MS,
    env: options.env,
    workerEnv: options.workerEnv?.(env),
  });
}
