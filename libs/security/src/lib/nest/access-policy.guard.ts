import { DomainError } from '@accounts/event-sourcing';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Principal } from '../tokens/principal';
import { AccessTokenGuard } from './access-token.guard';
import { declaredAccess } from './access-rules';

/**
 * The one place a service decides who may call a route (register it as APP_GUARD): `@Public()`
 * needs nothing; every other route a valid access token; then people pass (their rights are the
 * domain's business) and API tokens pass only a `@RequireScope` their credential holds. An
 * undeclared route is person only: a forgotten declaration never opens a route to API tokens.
 */
@Injectable()
export class AccessPolicyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly accessTokens: AccessTokenGuard,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = declaredAccess(this.reflector, context.getHandler(), context.getClass());
    if (access.kind === 'public') return true;
    await this.accessTokens.canActivate(context);
    const request = context.switchToHttp().getRequest<{ principal: Principal; body?: unknown }>();
    const principal = request.principal;
    if (principal.kind === 'user') return true;
    if (access.kind !== 'scope') throw personOnly();
    if (!principal.scopes?.includes(access.scope)) {
      // On the raw response, which every answer carries (Fastify's reply.raw; a plain Node response).
      const response = context.switchToHttp().getResponse();
      (response.raw ?? response).setHeader?.(
        'WWW-Authenticate',
        `Bearer error="insufficient_scope", scope="${access.scope}"`,
      );
      throw new DomainError(
        'forbidden',
        'AUTH-scope-missing',
        `This API credential lacks the scope ${access.scope}; generate one with it`,
        { scope: access.scope },
      );
    }
    const field = access.personOnlyFields?.find((name) => hasField(request.body, name));
    if (field) throw personOnly(field);
    return true;
  }
}

function personOnly(field?: string): DomainError {
  return new DomainError(
    'forbidden',
    'AUTH-person-only',
    field
      ? `${field}: only a signed-in person can change this, not an API credential`
      : 'Only a signed-in person can do this, not an API credential',
    field ? { field } : undefined,
  );
}

function hasField(body: unknown, name: string): boolean {
  return (
    typeof body === 'object' && body !== null && Object.prototype.hasOwnProperty.call(body, name)
  );
}
