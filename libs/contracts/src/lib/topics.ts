/** One Kafka topic per producing service. Key = accountId, value = EventEnvelope as JSON. */
export const Topics = {
  profile: 'accounts.profile.v1',
  authentication: 'accounts.authentication.v1',
  credentials: 'accounts.credentials.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];
