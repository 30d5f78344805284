import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CORRELATION_ID_HEADER, resolveCorrelationId } from './correlation-id';
import type { RequestContext } from './request-context';

const storage = new AsyncLocalStorage<RequestContext>();
const CONTEXT = Symbol('accounts.requestContext');

type RequestWithContext = IncomingMessage & { [CONTEXT]?: RequestContext; ip?: string };

/**
 * The request's context, computed once: the logger, the context middleware and the error filter
 * each call this, whichever runs first, and the answer always carries the same X-Correlation-Id.
 */
export function requestContextOf(req: IncomingMessage, res?: ServerResponse): RequestContext {
  const request = req as RequestWithContext;
  let context = request[CONTEXT];
  if (!context) {
    const userAgent = req.headers['user-agent'];
    context = {
      correlationId: resolveCorrelationId(req.headers[CORRELATION_ID_HEADER.toLowerCase()]),
      // Express's req.ip honours the "trust proxy" setting; the socket address is the fallback.
      ip: request.ip ?? req.socket?.remoteAddress,
      ...(userAgent && { userAgent }),
    };
    request[CONTEXT] = context;
  }
  if (res && !res.headersSent && !res.hasHeader(CORRELATION_ID_HEADER)) {
    res.setHeader(CORRELATION_ID_HEADER, context.correlationId);
  }
  return context;
}

/** Runs `next` (the rest of the request) with the context reachable through `currentRequestContext()`. */
export function runWithRequestContext(context: RequestContext, next: () => void): void {
  storage.run(context, next);
}

/** The context of the HTTP request being handled, or undefined outside a request (e.g. a subscription). */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}
