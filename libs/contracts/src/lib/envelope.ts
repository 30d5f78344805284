/** Who caused an event. `accountId` is absent for system actors. */
export type ActorKind = 'user' | 'admin' | 'api' | 'system';

export interface Actor {
  readonly kind: ActorKind;
  readonly accountId?: string;
  /** `api` actors: the API credential that acted, so audit history can name it. */
  readonly credentialId?: string;
}

/** Metadata carried by every event: in the store, on Kafka and in the audit timeline. */
export interface EventMetadata {
  readonly correlationId: string;
  readonly causationId: string;
  readonly actor: Actor;
  readonly orgId?: string;
  readonly ip?: string;
  readonly userAgent?: string;
}

/** The event envelope of DESIGN.md, identical in the store, on Kafka and in the audit timeline. */
export interface EventEnvelope<Type extends string = string, Data = unknown> {
  readonly eventId: string;
  readonly type: Type;
  readonly schemaVersion: number;
  readonly streamId: string;
  /** Position of the event inside its stream, starting at 0. */
  readonly revision: number;
  /** Position of the event in the whole store; only grows. */
  readonly position: number;
  /** ISO-8601 UTC. */
  readonly occurredAt: string;
  readonly data: Data;
  readonly metadata: EventMetadata;
}

/** An event as a domain decides it, of any service: the `type` and `data` of an EventEnvelope. */
export interface EventOf<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
}
