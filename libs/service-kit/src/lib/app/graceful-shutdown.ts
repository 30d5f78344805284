import type { INestApplication, LoggerService } from '@nestjs/common';
import type { Server } from 'node:http';
import type { InFlightRequests } from './in-flight-requests';
import { workerIdentity } from '../cluster/worker-identity';

export interface ShutdownOptions {
  readonly timeoutMs: number;
  readonly logger: LoggerService;
}

/**
 * Stops accepting connections, lets in-flight requests finish (up to timeoutMs), then closes the
 * app: Nest's shutdown hooks (subscriptions stop at a checkpoint), then the event store.
 */
export async function shutDownGracefully(
  app: INestApplication,
  inFlight: InFlightRequests,
  signal: string,
  { timeoutMs, logger }: ShutdownOptions,
): Promise<void> {
  const server = app.getHttpServer() as Server;
  logger.log(
    `${signal} received: no new connections; waiting for ${inFlight.size} request(s) in flight`,
  );
  server.close();
  // Keep-alive connections with nothing in flight would hold the server open.
  server.closeIdleConnections();
  if (!(await inFlight.whenIdle(timeoutMs))) {
    logger.warn(
      `${inFlight.size} request(s) still running after ${timeoutMs} ms: cutting them off`,
    );
  }
  server.closeAllConnections();
  await app.close();
  logger.log('Stopped cleanly');
}

/** SIGTERM/SIGINT → graceful shutdown and exit 0; a second signal or a stuck shutdown exits 1. */
export function exitGracefullyOnSignals(
  app: INestApplication,
  inFlight: InFlightRequests,
  options: ShutdownOptions,
): void {
  let shuttingDown = false;
  const clustered = workerIdentity().clustered;
  const onSignal = (signal: NodeJS.Signals) => {
    // A signal to the process group reaches a worker twice (directly and from the primary); the
    // primary kills its workers itself on a second signal of its own.
    if (shuttingDown && clustered) return;
    if (shuttingDown) {
      options.logger.warn(`${signal} received again: exiting now`);
      process.exit(1);
    }
    shuttingDown = true;
    // In-flight requests and then the hooks each get timeoutMs; beyond that something hangs.
    setTimeout(
      () => {
        options.logger.error(
          `Shutdown took longer than ${2 * options.timeoutMs + 1000} ms: exiting`,
        );
        process.exit(1);
      },
      2 * options.timeoutMs + 1000,
    ).unref();
    shutDownGracefully(app, inFlight, signal, options).then(
      () => process.exit(0),
      (error: unknown) => {
        options.logger.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  if (!clustered) {
    process.on('SIGINT', onSignal);
    return;
  }
  // A worker: Ctrl-C's SIGINT reaches the whole process group, and the primary passes it on as SIGTERM.
  process.on('SIGINT', () => undefined);
  // The primary is gone (killed): nothing would restart or stop this worker, so it stops by itself.
  process.once('disconnect', () => {
    if (!shuttingDown) onSignal('SIGTERM');
  });
}
