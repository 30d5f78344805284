import type { Actor, EventMetadata } from '@accounts/contracts';
import { randomUUID } from 'node:crypto';

/** What event metadata takes from the request being handled (service-kit's RequestContext). */
export interface RequestFacts {
  readonly correlationId: string;
  readonly ip?: string;
  readonly userAgent?: string;
}

/**
 * The one metadata builder: who acted, for which organization, from where. A request is the cause of
 * the events it appends (causation = correlation); outside a request each command gets its own id.
 */
export function eventMetadata(
  request: RequestFacts | undefined,
  actor: Actor,
  orgId?: string,
): EventMetadata {
  const correlationId = request?.correlationId ?? randomUUID();
  return {
    correlationId,
    causationId: correlationId,
    actor,
    ...(orgId && { orgId }),
    ...(request?.ip && { ip: request.ip }),
    ...(request?.userAgent && { userAgent: request.userAgent }),
  };
}
