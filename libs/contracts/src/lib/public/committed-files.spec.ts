import Ajv from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  ASYNCAPI_FILE,
  publicContractFiles,
  SCHEMAS_DIR,
} from '../../../tools/public-contract-files';
import { AuditTopic, Topics } from '../topics';
import { PublicTopicCatalog } from './catalog';
import { PublicHeaders } from './public-event';

const ROOT = join(__dirname, '..', '..', '..');
const REGENERATE =
  'run `TS_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register libs/contracts/tools/write-public-contracts.ts`';

describe('committed contract files (libs/contracts/schemas, asyncapi.yaml)', () => {
  const expected = publicContractFiles();

  it(`are exactly what the code describes (else ${REGENERATE})`, () => {
    const committed = readdirSync(join(ROOT, SCHEMAS_DIR), {
      recursive: true,
      withFileTypes: true,
    })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(ROOT.length + 1))
      // internal/: the store events' schemas, checked by internal-event-schemas.spec.ts
      .filter((path) => !path.startsWith(`${SCHEMAS_DIR}/internal/`))
      .concat(ASYNCAPI_FILE)
      .sort();
    expect(committed).toEqual([...expected.keys()].sort());
    for (const [path, content] of expected)
      expect({ path, content: readFileSync(join(ROOT, path), 'utf8') }).toEqual({ path, content });
  });

  it('are valid JSON Schemas, one per public type and version', () => {
    const ajv = new Ajv({ strict: true });
    const schemas = [...expected.keys()].filter((path) => path.endsWith('.schema.json'));
    expect(schemas).toHaveLength(
      PublicTopicCatalog.reduce((sum, entry) => sum + entry.contracts.length, 0),
    );
    for (const path of schemas)
      expect(() => ajv.compile(JSON.parse(readFileSync(join(ROOT, path), 'utf8')))).not.toThrow();
  });

  it('describe the topics in AsyncAPI 3: messages, key, headers and schema files agree with the code', () => {
    const document = parse(readFileSync(join(ROOT, ASYNCAPI_FILE), 'utf8'));
    expect(document.asyncapi).toBe('3.0.0');
    const channels = Object.values<{
      address: string;
      messages: Record<string, { $ref: string }>;
    }>(document.channels);
    expect(channels.map((channel) => channel.address).sort()).toEqual(
      [...Object.values(Topics), AuditTopic].sort(),
    );
    for (const entry of PublicTopicCatalog) {
      const channel = channels.find((c) => c.address === entry.topic);
      expect(Object.keys(channel?.messages ?? {}).sort()).toEqual(
        entry.contracts.map((c) => `${c.type}.v${c.schemaVersion}`).sort(),
      );
      for (const contract of entry.contracts) {
        const message = document.components.messages[`${contract.type}.v${contract.schemaVersion}`];
        expect(message.name).toBe(contract.type);
        expect(message.contentType).toBe('application/json');
        expect(Object.keys(message.headers.properties).sort()).toEqual(
          Object.values(PublicHeaders).sort(),
        );
        expect(message.headers.required.sort()).toEqual(Object.values(PublicHeaders).sort());
        expect(message['x-key-field']).toBe(contract.key);
        expect(message.bindings.kafka.key.description).toBe(`data.${contract.key}`);
        const schema = JSON.parse(readFileSync(join(ROOT, message.payload.schema.$ref), 'utf8'));
        expect(schema.properties.type.enum).toEqual([contract.type]);
        expect(schema.properties.data).toEqual(contract.data);
      }
      const operation = Object.values<{
        channel: { $ref: string };
        messages: unknown[];
      }>(document.operations).find(
        (op) => op.channel.$ref === `#/channels/${entry.topic.split('.')[1]}`,
      );
      expect(operation?.messages).toHaveLength(entry.contracts.length);
    }
  });
});
