import { PublicTopicCatalog } from './catalog';
import { headersJsonSchema, schemaFileOf } from './event-schemas';
import { PUBLIC_CONTENT_TYPE, type PublicEventContract } from './public-event';

const messageId = (contract: PublicEventContract): string =>
  `${contract.type}.v${contract.schemaVersion}`;
const channelId = (topic: string): string => topic.split('.')[1];

/**
 * The AsyncAPI 3 document of the topics (three of accounts, one of audit seals), built from the catalog: libs/contracts/asyncapi.yaml
 * is this object written out (`contracts:write`), and a test fails when the file and the code differ.
 */
export function asyncApiDocument(): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const entry of PublicTopicCatalog) {
    const id = channelId(entry.topic);
    channels[id] = {
      address: entry.topic,
      title: entry.topic,
      description: `${entry.description} Published by ${entry.producer}'s relay from the event store, at least once: deduplicate on eventId, order by position.`,
      messages: Object.fromEntries(
        entry.contracts.map((contract) => [
          messageId(contract),
          { $ref: `#/components/messages/${messageId(contract)}` },
        ]),
      ),
    };
    operations[`${id}.publish`] = {
      action: 'send',
      title: `${entry.producer} publishes`,
      channel: { $ref: `#/channels/${id}` },
      messages: entry.contracts.map((contract) => ({
        $ref: `#/channels/${id}/messages/${messageId(contract)}`,
      })),
    };
    for (const contract of entry.contracts) {
      messages[messageId(contract)] = {
        name: contract.type,
        title: `${contract.type} v${contract.schemaVersion}`,
        summary: contract.summary,
        contentType: PUBLIC_CONTENT_TYPE,
        headers: headersJsonSchema(contract),
        payload: {
          schemaFormat: 'application/schema+json;version=draft-07',
          schema: { $ref: `./schemas/${schemaFileOf(contract)}` },
        },
        bindings: {
          kafka: {
            key: { type: 'string', description: `data.${contract.key}` },
            bindingVersion: '0.5.0',
          },
        },
        'x-key-field': contract.key,
      };
    }
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Accounts platform public events',
      version: '2.1.0',
      description:
        'Public events of the accounts platform on Kafka. Key: data.accountId for everything about an account, data.orgId for ' +
        'organization events, data.chain for the audit seals (accounts.audit.v1). Value: one JSON PublicEvent { eventId, type, schemaVersion, position, occurredAt, data, metadata }. ' +
        'JSON Schemas of every type and version are in libs/contracts/schemas/.',
    },
    defaultContentType: PUBLIC_CONTENT_TYPE,
    servers: {
      local: {
        host: '127.0.0.1:9092',
        protocol: 'kafka',
        description: 'node tools/kafka/kafka.mjs start',
      },
      compose: {
        host: 'kafka:9092',
        protocol: 'kafka',
        description: 'docker-compose.yml',
      },
    },
    channels,
    operations,
    components: { messages },
  };
}
