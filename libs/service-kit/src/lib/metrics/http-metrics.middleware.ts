import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Histogram } from 'prom-client';
import { HTTP_REQUEST_DURATION } from './metrics-registry';

/** Requests that matched no route share one label value, so scanners cannot explode cardinality. */
const UNMATCHED_ROUTE = 'unmatched';

/** Nest mounts middleware as this catch-all route; a request that keeps it matched no handler. */
const MIDDLEWARE_CATCH_ALL = '/{*path}';

/** Times every request; the route label is the pattern (`/accounts/:id`), never the raw URL. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(
    @Inject(HTTP_REQUEST_DURATION)
    private readonly duration: Histogram<'method' | 'route' | 'status'>,
  ) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const stop = this.duration.startTimer();
    res.once('finish', () => {
      // Express sets req.route for each matching route layer; the handler's comes last.
      const pattern = req.route?.path as string | undefined;
      stop({
        method: req.method,
        route:
          pattern !== undefined && pattern !== MIDDLEWARE_CATCH_ALL
            ? `${req.baseUrl}${pattern}`
            : UNMATCHED_ROUTE,
        status: String(res.statusCode),
      });
    });
    next();
  }
}
