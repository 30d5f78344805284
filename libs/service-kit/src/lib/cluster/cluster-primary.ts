import cluster, { type Worker } from 'node:cluster';
import { hostname } from 'node:os';
import pino, { stdTimeFunctions } from 'pino';
import { AggregatorRegistry } from 'prom-client';
import { threadPoolSizeFor } from './thread-pool';
import {
  METRICS_REQUEST,
  type MetricsReply,
  type MetricsRequest,
  type StartupMessage,
  WORKER_LISTEN,
  WORKER_READY,
  WORKERS_SERVING,
} from './cluster-messages';
import { WORKER_ID_ENV, WORKER_ROLE_ENV } from './worker-env';
import { workerV8Flags } from './worker-v8-flags';

export interface ClusterPrimaryOptions {
  readonly serviceName: string;
  readonly workers: number;
  readonly cores: number;
  /** Each worker's own SHUTDOWN_TIMEOUT_MS; the primary waits for the whole of a worker's shutdown. */
  readonly shutdownTimeoutMs: number;
  readonly logLevel: string;
  /**
   * How long the primary waits for every worker to be ready before the ready ones listen without the
   * rest (default 60 s); a late worker listens as soon as it is ready.
   */
  readonly startTimeoutMs?: number;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Added to each worker's environment (ServiceEntryOptions.workerEnv). */
  readonly workerEnv?: Readonly<Record<string, string>>;
}

/** A worker that keeps dying is restarted less and less often, up to this pause. */
const MAX_RESTART_DELAY_MS = 5_000;
/** A worker that ran this long before it died counts as a fresh failure, not a crash loop. */
const STABLE_AFTER_MS = 30_000;

/** Default of ClusterPrimaryOptions.startTimeoutMs. */
export const WORKER_START_TIMEOUT_MS = 60_000;

interface Slot {
  readonly id: number;
  worker?: Worker;
  /** The current worker said READY (initialised, waiting for LISTEN). */
  ready?: boolean;
  /** The current worker listens. */
  listening?: boolean;
  startedAt: number;
  failures: number;
}

/**
 * The primary of a service run as WORKERS processes (node:cluster): it serves no request itself.
 * Worker 1 starts first and alone, so it creates the read-model tables, the keys and the operations
 * token before anyone reads them; it is the only one that projects (the others follow its
 * checkpoints). The rest start once it is initialised; they share the port (the primary hands
 * connections round-robin). Every worker initialises, says READY and waits: they listen together,
 * and /health says up only once all of them listen (a proxy or load generator that connects as soon
 * as /health answers spreads its keep-alive connections over every worker, not just the first). A worker that dies is restarted in the same slot and role. SIGTERM/SIGINT are passed
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
  let listenAllowed = false;
  let servingAllowed = false;
  const send = (worker: Worker, type: StartupMessage['type']): void => {
    if (worker.isConnected()) worker.send({ type } satisfies StartupMessage);
  };

  const fork = (slot: Slot): Worker => {
    slot.startedAt = Date.now();
    const worker = cluster.fork({
      ...options.workerEnv,
      [WORKER_ID_ENV]: String(slot.id),
      [WORKER_ROLE_ENV]: slot.id === 1 ? 'projector' : 'follower',
      UV_THREADPOOL_SIZE: threads,
    });
    slot.worker = worker;
    slot.ready = false;
    slot.listening = false;
    worker.on('message', (message: unknown) => {
      answerMetrics(worker, message);
      if ((message as Partial<StartupMessage> | undefined)?.type !== WORKER_READY) return;
      slot.ready = true;
      // At start-up the primary lets the workers listen together; a late or restarted one at once.
      if (listenAllowed) send(worker, WORKER_LISTEN);
    });
    // At start-up SERVING goes out once every worker listens; later, to each one as it listens.
    worker.once('listening', () => {
      slot.listening = true;
      if (servingAllowed) send(worker, WORKERS_SERVING);
    });
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

  const startTimeoutMs = options.startTimeoutMs ?? WORKER_START_TIMEOUT_MS;
  const when = (worker: Worker, event: 'listening' | 'ready') =>
    new Promise<boolean>((resolve) => {
      if (event === 'ready')
        worker.on('message', (message: unknown) => {
          if ((message as Partial<StartupMessage> | undefined)?.type === WORKER_READY)
            resolve(true);
        });
      else worker.once('listening', () => resolve(true));
      worker.once('exit', () => resolve(false));
    });
  const timeout = () =>
    new Promise<'timeout'>((resolve) =>
      setTimeout(() => resolve('timeout'), startTimeoutMs).unref(),
    );

  void (async () => {
    logger.info(
      { workers: options.workers, threadPoolSize: Number(threads) },
      `starting ${options.workers} workers`,
    );
    // Worker 1 first and alone: it creates the read-model tables, keys and token the others read.
    const first = fork(slots[0]);
    const firstReady = when(first, 'ready');
    while ((await Promise.race([firstReady, timeout()])) === 'timeout')
      logger.warn(
        { workerSlot: 1, waitedMs: startTimeoutMs },
        `worker 1 is not ready after ${startTimeoutMs} ms; the others start after it: still waiting`,
      );
    if (!(await firstReady) || stopping) return;
    const readies = slots.slice(1).map((slot) => when(fork(slot), 'ready'));
    const allReady = Promise.all(readies);
    if ((await Promise.race([allReady, timeout()])) === 'timeout' && !stopping) {
      const late = slots.filter((slot) => slot.worker && !slot.ready).map((slot) => slot.id);
      logger.error(
        { lateWorkers: late, waitedMs: startTimeoutMs },
        `workers ${late.join(', ')} not ready after ${startTimeoutMs} ms: the others listen without them; each joins when it is ready`,
      );
    } else if (!(await allReady).every(Boolean)) return;
    if (stopping) return;
    // Together: every ready worker is told to listen in the same turn of the event loop.
    const ready = slots.flatMap((slot) => (slot.worker && slot.ready ? [slot.worker] : []));
    const listened = ready.map((worker) => when(worker, 'listening'));
    listenAllowed = true;
    for (const worker of ready) send(worker, WORKER_LISTEN);
    if (!(await Promise.all(listened)).every(Boolean) || stopping) return;
    started = true;
    servingAllowed = true;
    // Those told to listen, and a late one that listened meanwhile.
    const listening = slots.flatMap((slot) => (slot.worker && slot.listening ? [slot.worker] : []));
    for (const worker of listening) send(worker, WORKERS_SERVING);
    logger.info(
      { listening: listening.length, workers: options.workers },
      `${options.serviceName}: ${listening.length} of ${options.workers} workers listening`,
    );
  })();

  return stopped.then(() => process.exit(exitCode));
}
