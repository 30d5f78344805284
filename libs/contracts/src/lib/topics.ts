/**
 * One Kafka topic per producing service, carrying public events (see `public/`): key = accountId for
 * account events, orgId for organization events; value = PublicEvent as JSON.
 * `.v2`: the `.v1` topics held the internal store events (hashes included) and are retired, not
 * reused; README "Public events on Kafka" says how a deployment moves over.
 */
export const Topics = {
  profile: 'accounts.profile.v2',
  authentication: 'accounts.authentication.v2',
  credentials: 'accounts.credentials.v2',
} as const;

/**
 * The audit service's seals (AuditSealed, the running hash of the store), so that a copy of every seal is
 * kept outside the store. Not an account topic: key = the seal chain. New, so `.v1` never held internal events.
 */
export const AuditTopic = 'accounts.audit.v1' as const;

export type TopicName = (typeof Topics)[keyof typeof Topics] | typeof AuditTopic;

/** The retired topics of internal events: delete them once every consumer reads the `.v2` ones. */
export const RetiredTopics = [
  'accounts.profile.v1',
  'accounts.authentication.v1',
  'accounts.credentials.v1',
] as const;
