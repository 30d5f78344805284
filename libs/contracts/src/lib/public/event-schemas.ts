import { instant, integer, object, oneOfValues, text, type JsonSchema } from './json-schema';
import { PUBLIC_CONTENT_TYPE, PublicHeaders, type PublicEventContract } from './public-event';

/** Where the committed schema of a contract lives, relative to libs/contracts/schemas/. */
export const schemaFileOf = (contract: PublicEventContract): string =>
  `${contract.topic}/${contract.type}.v${contract.schemaVersion}.schema.json`;

export const SCHEMA_ID_BASE =
  'https://github.com/accounts-platform/accounts/libs/contracts/schemas/';

const metadata = object(
  {
    correlationId: text('Shared by every event of one request'),
    causationId: text('The command or event that caused this one'),
    actor: object(
      {
        kind: oneOfValues(['user', 'admin', 'api', 'system']),
        accountId: text('Absent for the system'),
      },
      { optional: ['accountId'] },
    ),
    ip: text('Client address of the request'),
    userAgent: text(),
  },
  {
    optional: ['ip', 'userAgent'],
    description: 'Request context, each field once',
  },
);

/** The JSON Schema (draft-07) of a whole public event (envelope and data) of one type and version. */
export function eventJsonSchema(contract: PublicEventContract): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `${SCHEMA_ID_BASE}${schemaFileOf(contract)}`,
    title: `${contract.type} v${contract.schemaVersion}`,
    description: `${contract.summary} Topic ${contract.topic}, key data.${contract.key}.`,
    ...object({
      eventId: text('UUID of the store event: deduplicate on it'),
      type: oneOfValues([contract.type]),
      schemaVersion: oneOfValues([contract.schemaVersion]),
      position: integer(
        1,
        'Global position in the event store: order by it (only grows under one key)',
      ),
      occurredAt: instant(),
      data: contract.data,
      metadata,
    }),
  };
}

/** The headers of every message of a contract (all strings), as a JSON Schema. */
export function headersJsonSchema(contract: PublicEventContract): JsonSchema {
  return object({
    [PublicHeaders.type]: oneOfValues([contract.type]),
    [PublicHeaders.eventId]: text(),
    [PublicHeaders.schemaVersion]: oneOfValues([String(contract.schemaVersion)]),
    [PublicHeaders.correlationId]: text(),
    [PublicHeaders.causationId]: text(),
    [PublicHeaders.contentType]: oneOfValues([PUBLIC_CONTENT_TYPE]),
  });
}
