/**
 * What the handler knows about the caller, passed in so rules stay pure.
 * `isAdministrator` must come from the organization stream's administrator set (not a stale token claim).
 */
export interface ActorFacts {
  readonly accountId: string;
  readonly orgId: string;
  readonly isAdministrator: boolean;
}

/** The caller, for rules that decide admin rights themselves (the organization stream). */
export type OrganizationActor = Pick<ActorFacts, 'accountId' | 'orgId'>;
