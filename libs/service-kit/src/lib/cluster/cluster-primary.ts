import cluster, { type Worker } from 'node:cluster';
import { hostname } from 'node:os';
import pino, { stdTimeFunctions } from 'pino';
import { AggregatorRegistry } from 'prom-client';
import { threadPoolSizeFor } from './thread-pool';
import { METRICS_REQUEST, type MetricsReply, type MetricsRequest } from './cluster-messages';
import { WORKER_ID_ENV, WORKER_ROLE_ENV } from './worker-env';
import { workerV8Flags } from './worker-v8-flags';

export interface ClusterPrimaryOptions {
  readonly serviceName: string;
  readonly workers: number;
  readonly cores: number;
  /** Each worker's own SHUTDOWN_TIMEOUT_MS; the primary waits for the whole of a worker's shutdown. */
  readonly shutdownTimeoutMs: number;
  readonly logLevel: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Added to each worker's environment (ServiceEntryOptions.workerEnv). */
  readonly workerEnv?: Readonly<Record<string, string>>;
}

/** A worker that keeps dying is restarted less and less often, up to this pause. */
const MAX_RESTART_DELAY_MS = 5_000;
/** A worker that ran this long before it died counts as a fresh failure, not a crash loop. */
const STABLE_AFTER_MS = 30_000;

interface Slot {
  readonly id: number;
  worker?: Worker;
  startedAt: number;
  failures: number;
}

/**
 * The primary of a service run as WORKERS processes (node:cluster): it serves no request itself.
 * Worker 1 starts first and alone, so it creates the read-model tables, the keys and the operations
 * token before anyone reads them; it is the only one that projects (the others follow its
 * checkpoints). The rest start once it listens; they share the port (the primary hands connections
 * round-robin). A worker that dies is restarted in the same slot and role. SIGTERM/SIGINT are passed
 * on as SIGTERM and the primary exits when every worker has shut down gracefully. /metrics of any
 * worker answers with the sum over all workers, gathered here.
 */
export function runClusterPrimary(options: ClusterPrimaryOptions): Promise<void> {
  const logger = pino({
    level: options.logLevel,
    base: {
      service: options.serviceName,
      pid: process.pid,
      hostname: hostname(),
      worker: 0,
    },
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
  const env = options.env ?? process.env;
  const threads =
    env['UV_THREADPOOL_SIZE'] ?? String(threadPoolSizeFor(options.cores, options.workers));
  const slots: Slot[] = Array.from({ length: options.workers }, (_, i) => ({
    id: i + 1,
    startedAt: 0,
    failures: 0,
  }));
  const metrics = new AggregatorRegistry();
  const v8Flags = workerV8Flags(
    process.execArgv,
    env,
    threadPoolSizeFor(options.cores, options.workers),
  );
  if (v8Flags.length > 0) cluster.setupPrimary({ execArgv: [...process.execArgv, ...v8Flags] });
  let stopping = false;
  let started = false;

  const fork = (slot: Slot): Worker => {
    slot.startedAt = Date.now();
    const worker = cluster.fork({
      ...options.workerEnv,
      [WORKER_ID_ENV]: String(slot.id),
      [WORKER_ROLE_ENV]: slot.id === 1 ? 'projector' : 'follower',
      UV_THREADPOOL_SIZE: threads,
    });
    slot.worker = worker;
    worker.on('message', (message: unknown) => answerMetrics(worker, message));
    worker.once('exit', (code, signal) => onExit(slot, worker, code, signal));
    return worker;
  };

  const answerMetrics = (worker: Worker, message: unknown): void => {
    const request = message as Partial<MetricsRequest>;
    if (request?.type !== METRICS_REQUEST || typeof request.requestId !== 'number') return;
    const requestId = request.requestId;
    const reply = (body: Omit<MetricsReply, 'type' | 'requestId'>) => {
      if (worker.isConnected())
        worker.send({
          type: METRICS_REQUEST,
          requestId,
          ...body,
        } satisfies MetricsReply);
    };
    metrics.clusterMetrics().then(
      (text) => reply({ text }),
      (error: unknown) =>
        reply({
          error: error instanceof Error ? error.message : String(error),
        }),
    );
  };

  const onExit = (slot: Slot, worker: Worker, code: number | null, signal: string | null): void => {
    if (slot.worker === worker) slot.worker = undefined;
    if (stopping) return;
    if (!started) {
      // A worker that cannot start (port taken, bad store): the others would not either.
      logger.fatal(
        { workerSlot: slot.id, code, signal },
        `worker ${slot.id} exited before listening: stopping`,
      );
      void stopAll('startup failure', 1);
      return;
    }
    slot.failures = Date.now() - slot.startedAt > STABLE_AFTER_MS ? 1 : slot.failures + 1;
    const delay = Math.min(MAX_RESTART_DELAY_MS, 100 * 2 ** (slot.failures - 1));
    logger.error(
      { workerSlot: slot.id, code, signal, restartInMs: delay },
      `worker ${slot.id} died: restarting it`,
    );
    setTimeout(() => {
      if (!stopping) fork(slot);
    }, delay);
  };

  let exitCode = 0;
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  const stopAll = async (reason: string, code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    const running = slots.flatMap((slot) => (slot.worker ? [slot.worker] : []));
    logger.info({ workers: running.length }, `${reason}: stopping the workers`);
    // A worker gets SHUTDOWN_TIMEOUT_MS for requests and again for its hooks, then exits by itself.
    const killer = setTimeout(
      () => {
        for (const worker of running) if (!worker.isDead()) worker.process.kill('SIGKILL');
        exitCode = 1;
      },
      2 * options.shutdownTimeoutMs + 2_000,
    );
    const exits = running.map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (worker.isDead()) return resolve();
          worker.once('exit', (workerCode) => {
            if (workerCode !== 0) exitCode = 1;
            resolve();
          });
          worker.process.kill('SIGTERM');
        }),
    );
    await Promise.all(exits);
    clearTimeout(killer);
    logger.info({ exitCode }, 'all workers stopped');
    resolveStopped();
  };

  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (++signals > 1) {
      logger.warn(`${signal} received again: killing the workers`);
      for (const slot of slots) slot.worker?.process.kill('SIGKILL');
      process.exit(1);
    }
    void stopAll(`${signal} received`, 0);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  const listening = (worker: Worker) =>
    new Promise<boolean>((resolve) => {
      worker.once('listening', () => resolve(true));
      worker.once('exit', () => resolve(false));
    });

  void (async () => {
    logger.info(
      { workers: options.workers, threadPoolSize: Number(threads) },
      `starting ${options.workers} workers`,
    );
    if (!(await listening(fork(slots[0])))) return;
    const rest = await Promise.all(slots.slice(1).map((slot) => listening(fork(slot))));
    if (rest.every(Boolean) && !stopping) {
      started = true;
      logger.info(`${options.serviceName}: ${options.workers} workers listening`);
    }
  })();

  return stopped.then(() => process.exit(exitCode));
}
