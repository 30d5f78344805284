/** The three topics of the accounts platform (see libs/contracts/asyncapi.yaml). */
export const PROFILE_TOPIC = 'accounts.profile.v2';
export const AUTHENTICATION_TOPIC = 'accounts.authentication.v2';
export const CREDENTIALS_TOPIC = 'accounts.credentials.v2';
export const TOPICS = [PROFILE_TOPIC, AUTHENTICATION_TOPIC, CREDENTIALS_TOPIC] as const;

/** What every message value is (the envelope of the JSON Schemas). */
export interface PublicEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly position: number;
  readonly occurredAt: string;
  readonly data: Record<string, unknown>;
  readonly metadata: {
    readonly correlationId: string;
    readonly causationId: string;
    readonly actor: { kind: string; accountId?: string };
  };
}
