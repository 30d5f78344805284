import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import { stdTimeFunctions } from 'pino';
import type { Options } from 'pino-http';
import { requestContextOf } from '../context/request-context-storage';
import { REDACT_PATHS } from './redact-paths';
import { workerIdentity } from '../cluster/worker-identity';

/** Probes and scrapes would drown the access log. */
const QUIET_PATHS = ['/health', '/metrics'];

function pathOf(req: IncomingMessage): string {
  return (req.url ?? '').split('?')[0];
}

/** JSON logs, one line per request, every line of a request carrying its correlationId. */
export function createPinoHttpOptions(serviceName: string, level: string): Options {
  return {
    level,
    // worker: which of the service's processes wrote the line (1 unless WORKERS > 1; the primary is 0).
    base: {
      service: serviceName,
      pid: process.pid,
      hostname: hostname(),
      worker: workerIdentity().id,
    },
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: [...REDACT_PATHS], censor: '[REDACTED]' },
    genReqId: (req: IncomingMessage, res: ServerResponse) =>
      requestContextOf(req, res).correlationId,
    customProps: (req: IncomingMessage) => ({ correlationId: requestContextOf(req).correlationId }),
    autoLogging: { ignore: (req: IncomingMessage) => QUIET_PATHS.includes(pathOf(req)) },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    customSuccessMessage: (req, res, responseTime) =>
      `${req.method} ${pathOf(req)} ${res.statusCode} ${Math.round(responseTime)}ms`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode} failed`,
  };
}
