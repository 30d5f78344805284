import {
  type StartupMessage,
  WORKER_LISTEN,
  WORKER_READY,
  WORKERS_SERVING,
} from './cluster-messages';
import { workerIdentity } from './worker-identity';

let serving = false;

/**
 * Between a worker's initialisation and its listen: tells the primary this worker could take
 * connections, and resolves when the primary lets every worker listen at once. In a single process
 * (or a worker not started by our primary) it resolves at once.
 */
export function readyToListen(): Promise<void> {
  const send = process.send?.bind(process);
  if (!workerIdentity().clustered || !send) {
    serving = true;
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      const type = (message as Partial<StartupMessage> | undefined)?.type;
      if (type === WORKER_LISTEN) resolve();
      if (type !== WORKERS_SERVING) return;
      serving = true;
      process.off('message', onMessage);
    };
    process.on('message', onMessage);
    send({ type: WORKER_READY } satisfies StartupMessage);
  });
}

/**
 * Whether GET /health may say up: in a worker, once the primary said every worker listens (a client
 * that waits for /health then spreads its connections over all of them); always in a single process.
 */
export function servingTogether(): boolean {
  return serving || !workerIdentity().clustered;
}
