import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { OAuthError } from '../../application/token/oauth-error';

/** Token endpoint errors in RFC 6749 §5.2 shape, never cached. */
@Catch(OAuthError)
export class OAuthErrorFilter implements ExceptionFilter {
  catch(error: OAuthError, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(error.status)
      .set({ ...error.headers, 'Cache-Control': 'no-store', Pragma: 'no-cache' })
      .json({ error: error.error, error_description: error.description });
  }
}
