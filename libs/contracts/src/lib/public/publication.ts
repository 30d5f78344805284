import type { EventEnvelope } from '../envelope';
import type { PublicEvent, PublicEventContract, PublicMetadata } from './public-event';

/**
 * The decision for one internal event type: published as a public contract (with the function that
 * builds its data field by field, so a new internal field never leaks by default), or deliberately
 * not published, with the reason.
 */
export interface NotPublished {
  readonly published: false;
  readonly why: string;
}

export type Publication<Data> =
  | NotPublished
  | {
      readonly published: true;
      readonly as: PublicEventContract;
      readonly data: (data: Data, event: EventEnvelope) => object;
    };

/** One decision per internal event type of a service: a missing type does not compile. */
export type PublicationTable<Event extends { readonly type: string; readonly data: unknown }> = {
  readonly [Type in Event['type']]: Publication<Extract<Event, { readonly type: Type }>['data']>;
};

export const published = <Data>(
  as: PublicEventContract,
  data: (data: Data, event: EventEnvelope) => object,
): Publication<Data> => ({
  published: true,
  as,
  data,
});

export const notPublished = (why: string): NotPublished => ({
  published: false,
  why,
});

/** A public message ready for Kafka: its key (by the key rule) and its value. */
export interface PublicMessage {
  readonly key: string;
  readonly event: PublicEvent;
}

export type PublicationResult =
  | { readonly kind: 'published'; readonly message: PublicMessage }
  | { readonly kind: 'not-published'; readonly why: string }
  | { readonly kind: 'no-decision' };

/** Request context, each field once; orgId is not here (it is in the data of what concerns an organization). */
export function publicMetadata(metadata: EventEnvelope['metadata']): PublicMetadata {
  const actor = metadata.actor;
  return {
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    actor:
      actor.accountId === undefined
        ? { kind: actor.kind }
        : { kind: actor.kind, accountId: actor.accountId },
    ...(typeof metadata.ip === 'string' && { ip: metadata.ip }),
    ...(typeof metadata.userAgent === 'string' && {
      userAgent: metadata.userAgent,
    }),
  };
}

/** The public message of a store event, by its service's table; `no-decision` for a type the table does not know. */
export function toPublicMessage(
  table: { readonly [type: string]: Publication<never> },
  event: EventEnvelope,
): PublicationResult {
  if (!Object.prototype.hasOwnProperty.call(table, event.type)) return { kind: 'no-decision' };
  const decision = table[event.type];
  if (!decision.published) return { kind: 'not-published', why: decision.why };
  const data = decision.data(event.data as never, event) as Record<string, unknown>;
  const key = data[decision.as.key];
  if (typeof key !== 'string' || key === '')
    throw new Error(`${event.type} at ${event.position}: no ${decision.as.key} to key it by`);
  return {
    kind: 'published',
    message: {
      key,
      event: {
        eventId: event.eventId,
        type: decision.as.type,
        schemaVersion: decision.as.schemaVersion,
        position: event.position,
        occurredAt: event.occurredAt,
        data,
        metadata: publicMetadata(event.metadata),
      },
    },
  };
}
