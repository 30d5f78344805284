import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { OAuthError } from '../../application/token/oauth-error';

/** Token endpoint errors in RFC 6749 §5.2 shape, never cached. */
@Catch(OAuthError)
export class OAuthErrorFilter implements ExceptionFilter {
  catch(error: OAuthError, host: ArgumentsHost): void {
    void host
      .switchToHttp()
      .getResponse<FastifyReply>()
      .status(error.status)
      .headers({ ...error.headers, 'Cache-Control': 'no-store', Pragma: 'no-cache' })
      .send({ error: error.error, error_description: error.description });
  }
}
