import { Backoff } from './backoff';

/**
 * Retries an admin call while Kafka answers with a retriable error (e.g. the group coordinator is
 * still loading after a broker start): kafkajs retries requests of consumers and producers, not
 * every admin request.
 */
export async function retryRetriable<T>(call: () => Promise<T>, attempts = 10): Promise<T> {
  const backoff = new Backoff(100, 2000);
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= attempts || (error as { retriable?: boolean }).retriable !== true) throw error;
      await new Promise((resolve) => setTimeout(resolve, backoff.next()));
    }
  }
}
