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
