/** A worker asks the primary for the metrics of all workers (prom-client's AggregatorRegistry). */
export const METRICS_REQUEST = 'accounts:cluster-metrics';

export interface MetricsRequest {
  readonly type: typeof METRICS_REQUEST;
  readonly requestId: number;
}

export interface MetricsReply extends MetricsRequest {
  readonly text?: string;
  readonly error?: string;
}

/**
 * Start-up: each worker initialises (modules, read-model tables, keys), says READY and waits; the
 * primary says LISTEN to all of them at once, and SERVING once every one listens (from then /health
 * says up), so that no connection opened at start-up is left on the first worker alone.
 */
export const WORKER_READY = 'accounts:cluster-worker-ready';
export const WORKER_LISTEN = 'accounts:cluster-worker-listen';
export const WORKERS_SERVING = 'accounts:cluster-workers-serving';

export interface StartupMessage {
  readonly type: typeof WORKER_READY | typeof WORKER_LISTEN | typeof WORKERS_SERVING;
}
