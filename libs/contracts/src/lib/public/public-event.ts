import type { Actor } from '../envelope';
import type { TopicName } from '../topics';
import type { JsonSchema } from './json-schema';

/**
 * Request context of a public event, each field once: who acted, from where, and which request.
 * The subject (accountId, orgId) is in `data`, never here.
 */
export interface PublicMetadata {
  readonly correlationId: string;
  /** The command or event that caused this one. */
  readonly causationId: string;
  readonly actor: Actor;
  readonly ip?: string;
  readonly userAgent?: string;
}

/**
 * What the topics carry: a public event derived from one store event by its service's publication
 * table. `eventId` deduplicates (at-least-once delivery); `position` orders: it is the store event's
 * global position, so it only grows under one key. Stream ids and per-stream revisions stay internal.
 */
export interface PublicEvent<Type extends string = string, Data = unknown> {
  readonly eventId: string;
  readonly type: Type;
  /** Version of the public contract of `type` (not of the internal event). */
  readonly schemaVersion: number;
  readonly position: number;
  /** ISO-8601 UTC. */
  readonly occurredAt: string;
  readonly data: Data;
  readonly metadata: PublicMetadata;
}

/**
 * The key rule: account events are keyed by accountId, organization events by orgId; the audit seals by
 * their chain (one per store, so every seal is in one partition in order). Nothing else.
 */
export type KeyField = 'accountId' | 'orgId' | 'chain';

/** One public event type at one version: its topic, key, data schema and what it means. */
export interface PublicEventContract<Type extends string = string> {
  readonly type: Type;
  readonly schemaVersion: number;
  readonly topic: TopicName;
  readonly key: KeyField;
  readonly summary: string;
  /** JSON Schema of `data` (closed: unknown fields are refused). */
  readonly data: JsonSchema;
}

/** Header names of every public message (values are strings). */
export const PublicHeaders = {
  type: 'type',
  eventId: 'eventId',
  schemaVersion: 'schemaVersion',
  correlationId: 'correlationId',
  causationId: 'causationId',
  contentType: 'content-type',
} as const;

export const PUBLIC_CONTENT_TYPE = 'application/json';
