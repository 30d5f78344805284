import type { FastifyRequest } from 'fastify';
import { Store as PinoStore, storage } from 'nestjs-pino/storage';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { CORRELATION_ID_HEADER, resolveCorrelationId } from './correlation-id';
import type { RequestContext } from './request-context';

/**
 * What a request runs with, in nestjs-pino's AsyncLocalStorage: the app's logger (its PinoLogger
 * and Nest's Logger write to it) and the request context. One store for both: each enabled
 * AsyncLocalStorage propagates itself into every promise the process makes (README, "The HTTP
 * stack's CPU per request").
 */
class RequestStore extends PinoStore {
  constructor(
    logger: Logger,
    readonly context: RequestContext,
  ) {
    super(logger);
  }
}

const CONTEXT = Symbol('accounts.requestContext');

type RequestWithContext = IncomingMessage & { [CONTEXT]?: RequestContext };

/**
 * The request's context, computed once: the kit's request hooks, the decorator and the error filter
 * each call this, whichever runs first, and the answer always carries the same X-Correlation-Id.
 */
export function requestContextOf(
  req: FastifyRequest | IncomingMessage,
  res?: ServerResponse,
): RequestContext {
  const fastifyRequest = 'raw' in req ? req : undefined;
  const request = (fastifyRequest?.raw ?? req) as RequestWithContext;
  let context = request[CONTEXT];
  if (!context) {
    const userAgent = request.headers['user-agent'];
    context = {
      correlationId: resolveCorrelationId(request.headers[CORRELATION_ID_HEADER.toLowerCase()]),
      // Fastify's request.ip honours TRUST_PROXY (its trustProxy); the socket address is the fallback.
      // The kit's first hook computes the context from Fastify's request, so later callers with the
      // raw message get the same answer.
      ip: fastifyRequest?.ip ?? request.socket?.remoteAddress,
      ...(userAgent && { userAgent }),
    };
    request[CONTEXT] = context;
  }
  if (res && !res.headersSent && !res.hasHeader(CORRELATION_ID_HEADER)) {
    res.setHeader(CORRELATION_ID_HEADER, context.correlationId);
  }
  return context;
}

/**
 * Runs `next` (the rest of the request) with the context reachable through `currentRequestContext()`
 * and `logger` as the logger of nestjs-pino's PinoLogger and of Nest's Logger.
 */
export function runWithRequestContext(
  context: RequestContext,
  logger: Logger,
  next: () => void,
): void {
  storage.run(new RequestStore(logger, context), next);
}

/** The context of the HTTP request being handled, or undefined outside a request (e.g. a subscription). */
export function currentRequestContext(): RequestContext | undefined {
  const store = storage.getStore();
  return store instanceof RequestStore ? store.context : undefined;
}
