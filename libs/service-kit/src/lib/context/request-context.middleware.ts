import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestContextOf, runWithRequestContext } from './request-context-storage';

/** Makes the request context available to everything the request runs, via AsyncLocalStorage. */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    runWithRequestContext(requestContextOf(req, res), next);
  }
}
