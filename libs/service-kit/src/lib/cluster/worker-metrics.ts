import { AggregatorRegistry, type Registry } from 'prom-client';
import { METRICS_REQUEST, type MetricsReply } from './cluster-messages';
import { workerIdentity } from './worker-identity';

/** prom-client's own wait for the workers is 5 s. */
const REPLY_TIMEOUT_MS = 6_000;
let nextRequestId = 0;

/**
 * In a worker of a WORKERS > 1 service, lets the primary collect `registry` (prom-client answers
 * its requests once an AggregatorRegistry exists in the process). Nothing elsewhere.
 */
export function shareWithClusterPrimary(registry: Registry): void {
  if (!workerIdentity().clustered) return;
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
}

/**
 * What GET /metrics answers: this process's registry, or in a worker the sum over every worker
 * (counters and histograms add up; process gauges are summed, per prom-client's aggregators), so a
 * scrape through the shared port sees the whole service whichever worker answers it.
 */
export function metricsText(registry: Registry): Promise<string> {
  if (!workerIdentity().clustered || !process.send) return registry.metrics();
  const requestId = nextRequestId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.off('message', onMessage);
      reject(new Error('The primary did not send the workers’ metrics in time'));
    }, REPLY_TIMEOUT_MS);
    const onMessage = (message: unknown) => {
      const reply = message as Partial<MetricsReply>;
      if (reply?.type !== METRICS_REQUEST || reply.requestId !== requestId) return;
      clearTimeout(timer);
      process.off('message', onMessage);
      if (reply.error !== undefined) reject(new Error(reply.error));
      else resolve(reply.text ?? '');
    };
    process.on('message', onMessage);
    process.send!({ type: METRICS_REQUEST, requestId });
  });
}
