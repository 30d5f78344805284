import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestContextOf } from '../context/request-context-storage';
import { accessLogReports } from '../logging/access-log';
import { toErrorResponse } from './error-response';

/** Every error thrown while handling an HTTP request leaves through here, as DESIGN.md's error JSON. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    // Other transports (RPC, WebSockets) keep their own error handling.
    if (host.getType() !== 'http') throw exception;
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const res = reply.raw;
    const { body, headers, unexpected } = toErrorResponse(exception);
    const { correlationId } = requestContextOf(request, res);
    if (unexpected) {
      if (accessLogReports(res)) {
        // The access line then carries the real error and its stack (one line per request).
        res.err = exception instanceof Error ? exception : new Error(String(exception));
      } else {
        // The request failed before the access logger ran.
        this.logger.error(
          { err: exception, correlationId, method: request.method, url: request.url },
          'Unexpected error',
        );
      }
    }
    if (reply.sent || res.headersSent) {
      // A streamed answer failed midway: the status is gone, closing is all we can do.
      res.destroy();
      return;
    }
    void reply.status(body.statusCode).headers(headers).send(body);
  }
}
