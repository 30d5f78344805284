import type { FastifyInstance } from 'fastify';
import { Store as PinoStore, storage as pinoStorage } from 'nestjs-pino/storage';
import type { Histogram } from 'prom-client';
import { requestContextOf, runWithRequestContext } from '../context/request-context-storage';
import { securityHeaders } from '../hardening/security-headers';
import { accessLog } from '../logging/access-log';
import type { ServiceLoggers } from '../logging/service-loggers';

/** Requests that matched no route share one label value, so scanners cannot explode cardinality. */
const UNMATCHED_ROUTE = 'unmatched';

export interface RequestHookParts {
  readonly loggers: ServiceLoggers;
  readonly duration: Histogram<'method' | 'route' | 'status'>;
}

/**
 * What the kit does around every request, as Fastify hooks (no middleware chain):
 * - onRequest, first of ours: the request context (correlation id echoed, client address through
 *   TRUST_PROXY), the access log (its line times the whole request and covers answers of the
 *   parsers), the security headers and no-store;
 * - preHandler (the body is parsed): the rest of the request runs with the context in
 *   AsyncLocalStorage, and with the app's logger in nestjs-pino's store, so handler lines go to this
 *   app's stream (tests run several apps in one process) without a child logger per request;
 * - onResponse: http_request_duration_seconds by method, route pattern (`/accounts/:id`) and status.
 */
export function registerRequestHooks(
  fastify: FastifyInstance,
  { loggers, duration }: RequestHookParts,
): void {
  const logRequest = accessLog(loggers);
  const setSecurityHeaders = securityHeaders();
  const pinoStore = new PinoStore(loggers.logger);
  fastify.addHook('onRequest', (request, reply, done) => {
    requestContextOf(request, reply.raw);
    logRequest(request.raw, reply.raw);
    setSecurityHeaders(request, reply.raw);
    done();
  });
  fastify.addHook('preHandler', (request, _reply, done) => {
    const context = requestContextOf(request);
    runWithRequestContext(context, () => pinoStorage.run(pinoStore, done));
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const pattern = request.routeOptions.url;
    duration.observe(
      {
        method: request.method,
        // The not-found handler has no pattern (or a wildcard one).
        route:
          pattern && pattern.startsWith('/') && !pattern.includes('*') ? pattern : UNMATCHED_ROUTE,
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
