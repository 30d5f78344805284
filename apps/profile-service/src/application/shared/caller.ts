import type { Principal } from '@accounts/security';
import type { RequestContext } from '@accounts/service-kit';

/** Who sends a command and from where: the verified token and the HTTP request's context. */
export interface Caller {
  readonly principal: Principal;
  readonly request: RequestContext;
}
