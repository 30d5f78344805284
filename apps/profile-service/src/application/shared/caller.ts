import type { Principal } from '@accounts/security';
import type { RequestContext } from '@accounts/service-kit';

/**
 * Who sends a command and from where: the verified token and the HTTP request's context.
 *
 * Left only for UpdateProfileCommand (PATCH /accounts/me, being reworked on another branch). Every
 * other command and query, here as in auth and credentials, carries `caller: Principal`, and a handler
 * that needs the client address reads it from `currentRequestContext()`, where the CommandRunner
 * takes the events' metadata. UpdateProfileCommand moves to the same shape once that work lands.
 */
export interface Caller {
  readonly principal: Principal;
  readonly request: RequestContext;
}
