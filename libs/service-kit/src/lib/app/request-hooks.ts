import type { FastifyInstance } from 'fastify';
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
 * - preHandler (the body is parsed): the rest of the request runs with the context and the app's
 *   logger in one AsyncLocalStorage store (nestjs-pino's), so handler lines go to this app's stream
 *   (tests run several apps in one process) without a child logger per request;
 * - onResponse: http_request_duration_seconds by method, route pattern (`/accounts/:id`) and status.
 */
export function registerRequestHooks(
  fastify: FastifyInstance,
  { loggers, duration }: RequestHookParts,
): void {
  const logRequest = accessLog(loggers);
  const setSecurityHeaders = securityHeaders();
  fastify.addHook('onRequest', (request, reply, done) => {
    requestContextOf(request, reply.raw);
    logRequest(request.raw, reply.raw);
    setSecurityHeaders(request, reply.raw);
    done();
  });
  fastify.addHook('preHandler', (request, _reply, done) => {
    runWithRequestContext(requestContextOf(request), loggers.logger, done);
  });
  const observeDuration = durationByRoute(duration);
  fastify.addHook('onResponse', (request, reply, done) => {
    const pattern = request.routeOptions.url;
    observeDuration(
      request.method,
      // The not-found handler has no pattern (or a wildcard one).
      pattern && pattern.startsWith('/') && !pattern.includes('*') ? pattern : UNMATCHED_ROUTE,
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });
}

type Duration = Histogram<'method' | 'route' | 'status'>;

/**
 * Observes into one labelled child per method, route pattern and status, made at the first request
 * that has them: no labels object and no observer closure per request. Bounded: the patterns are the
 * app's routes (or UNMATCHED_ROUTE), the methods those Node's parser accepts, the statuses ours.
 */
function durationByRoute(
  duration: Duration,
): (method: string, route: string, status: number, seconds: number) => void {
  const children = new Map<string, ReturnType<Duration['labels']>>();
  return (method, route, status, seconds) => {
    const key = `${method} ${status} ${route}`;
    let child = children.get(key);
    if (!child) {
      child = duration.labels({ method, route, status: String(status) });
      children.set(key, child);
    }
    child.observe(seconds);
  };
}
