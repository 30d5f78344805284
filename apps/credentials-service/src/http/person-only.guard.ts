import { DomainError } from '@accounts/event-sourcing';
import type { Principal } from '@accounts/security';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';

/**
 * Credentials are managed by a signed-in person. An API token (from POST /oauth/token) must not
 * mint more secrets: its auth_time is always fresh, so it would pass the recent sign-in rule.
 */
@Injectable()
export class PersonOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const principal = context.switchToHttp().getRequest<{ principal?: Principal }>().principal;
    if (principal?.kind !== 'user') {
      throw new DomainError(
        'forbidden',
        'CREDENTIALS-person-required',
        'API credentials are managed by a signed-in person, not with an API access token',
      );
    }
    return true;
  }
}
