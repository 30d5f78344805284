import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  Optional,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TOKEN_REVOCATIONS, type TokenRevocations } from '../tokens/token-revocations';
import { InvalidTokenError, TokenVerifier } from '../tokens/token-verifier';
import { IS_PUBLIC } from './public.decorator';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

/**
 * Global guard: every route needs a valid bearer access token unless marked @Public(). A token of
 * an ended session or a disabled account is refused as soon as the service's read model knows.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Optional() @Inject(TOKEN_REVOCATIONS) private readonly revocations?: TokenRevocations,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (
      this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
        context.getHandler(),
        context.getClass(),
      ])
    )
      return true;
    const request = context.switchToHttp().getRequest();
    const response = context.switchToHttp().getResponse();
    const header: unknown = request.headers?.authorization;
    const token =
      typeof header === 'string' && /^Bearer [A-Za-z0-9._~+/=-]+$/.test(header)
        ? header.slice(7)
        : undefined;
    try {
      if (!token) throw new InvalidTokenError('missing');
      const { principal, issuedAt } = await this.verifier.verifyToken(token);
      const revoked = this.revocations?.revocationOf(principal, { issuedAt });
      if (revoked) throw new InvalidTokenError(revoked);
      request.principal = principal;
      return true;
    } catch (error) {
      const reason = error instanceof InvalidTokenError ? error.reason : 'verification failed';
      // On the raw response, which every answer carries (Fastify's reply.raw; a plain Node response).
      (response.raw ?? response).setHeader?.('WWW-Authenticate', `Bearer error="invalid_token"`);
      throw new UnauthorizedException(
        reason === 'missing'
          ? 'Sign in first: send an access token as "Authorization: Bearer <token>"'
          : `The access token is not valid (${reason}); sign in again`,
      );
    }
  }
}
