import { hostname } from 'node:os';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { workerIdentity } from '../cluster/worker-identity';
import { currentRequestContext } from '../context/request-context-storage';
import { isoTime } from './iso-time';
import { REDACT_PATHS } from './redact-paths';

/** The service's two pino loggers, writing to one destination. */
export interface ServiceLoggers {
  /** Everything the code logs (Nest's Logger, PinoLogger): redacted, with the request's correlationId. */
  readonly logger: Logger;
  /** The access log: one line per request, built from fields already stripped of secrets. */
  readonly access: Logger;
}

/**
 * JSON lines with the service, process and worker. Handler lines get the request's correlationId
 * from the request context (AsyncLocalStorage) through pino's mixin, so no child logger is made per
 * request (pino-http made two and redacted every line: with it a grant took 0.70 ms of CPU, without it
 * 0.51-0.54 ms). The access log needs no redaction pass: it writes only headers it has censored itself
 * (access-log.ts). Each app keeps its own loggers, so tests that run several apps get each one's lines.
 */
export function createServiceLoggers(
  serviceName: string,
  level: string,
  stream?: DestinationStream,
): ServiceLoggers {
  // Where pino writes by default (stdout through sonic-boom), shared so the lines never interleave.
  const destination = stream ?? pino.destination({ fd: process.stdout.fd || 1 });
  const common: LoggerOptions = {
    level,
    // worker: which of the service's processes wrote the line (1 unless WORKERS > 1; the primary is 0).
    base: {
      service: serviceName,
      pid: process.pid,
      hostname: hostname(),
      worker: workerIdentity().id,
    },
    timestamp: isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  return {
    logger: pino(
      {
        ...common,
        redact: { paths: [...REDACT_PATHS], censor: '[REDACTED]' },
        mixin: correlationOfCurrentRequest,
      },
      destination,
    ),
    access: pino(common, destination),
  };
}

/** A fresh object each time: pino merges the line's own fields into it. */
function correlationOfCurrentRequest(): { correlationId?: string } {
  const context = currentRequestContext();
  return context ? { correlationId: context.correlationId } : {};
}

/** DI token of the app's ServiceLoggers. */
export const SERVICE_LOGGERS = Symbol('SERVICE_LOGGERS');
