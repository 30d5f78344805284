import Ajv from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { internalEventSchemaFiles } from '../../../tools/internal-event-schema-files';
import { AuditEventSchemaVersions } from '../audit/audit-events';
import {
  AuthenticationSamples,
  CredentialsSamples,
  ProfileSamples,
  storedSample,
} from '../public/internal-samples.fixtures';
import { InternalEventCatalog, internalSchemaFileOf } from './internal-event-catalog';

const ROOT = join(__dirname, '..', '..', '..');
const REGENERATE =
  'run `TS_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register libs/contracts/tools/write-public-contracts.ts`';

describe('JSON Schemas of the internal store events (libs/contracts/schemas/internal)', () => {
  const expected = internalEventSchemaFiles();
  // A fresh validator per schema: the same $id compiled twice is refused by one Ajv instance.
  const compile = (schema: object) => new Ajv({ strict: true, allErrors: true }).compile(schema);
  const schemaOf = (group: string, type: string, version = 1) =>
    JSON.parse(
      readFileSync(join(ROOT, 'schemas', internalSchemaFileOf(group, type, version)), 'utf8'),
    );

  it(`are exactly what the TypeScript types of libs/contracts describe (else ${REGENERATE})`, () => {
    const committed = readdirSync(join(ROOT, 'schemas', 'internal'), {
      recursive: true,
      withFileTypes: true,
    })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(ROOT.length + 1))
      .sort();
    expect(committed).toEqual([...expected.keys()].sort());
    for (const [path, content] of expected)
      expect({ path, content: readFileSync(join(ROOT, path), 'utf8') }).toEqual({ path, content });
  }, 60_000);

  it('cover every type and version of every service, each a valid closed JSON Schema', () => {
    for (const group of InternalEventCatalog)
      for (const [type, version] of Object.entries(group.versions)) {
        const schema = schemaOf(group.group, type, version);
        expect(() => compile(schema)).not.toThrow();
        expect(schema.properties.data.additionalProperties).toBe(false);
      }
    expect(schemaOf('audit', 'AuditSealed', AuditEventSchemaVersions.AuditSealed - 1).title).toBe(
      'AuditSealed v1 (internal, audit)',
    );
  });

  it.each([
    ['profile', ProfileSamples],
    ['authentication', AuthenticationSamples],
    ['credentials', CredentialsSamples],
  ] as const)('accept a realistic stored event of every %s type', (group, samples) => {
    for (const [type, data] of Object.entries(samples)) {
      const validate = compile(schemaOf(group, type));
      const ok = validate(storedSample(type, data));
      expect({ type, errors: ok ? null : validate.errors }).toEqual({
        type,
        errors: null,
      });
    }
  });

  it('refuse a field the type does not have, a missing one and a wrong enum value', () => {
    const validate = compile(schemaOf('credentials', 'ApiCredentialRevoked'));
    const good = CredentialsSamples.ApiCredentialRevoked;
    expect(validate(storedSample('ApiCredentialRevoked', good))).toBe(true);
    expect(validate(storedSample('ApiCredentialRevoked', { ...good, secret: 'acs_x' }))).toBe(
      false,
    );
    expect(validate.errors?.[0]).toMatchObject({
      instancePath: '/data',
      params: { additionalProperty: 'secret' },
    });
    expect(
      validate(
        storedSample('ApiCredentialRevoked', {
          accountId: 'a',
          reason: 'removed-by-owner',
        }),
      ),
    ).toBe(false);
    expect(validate(storedSample('ApiCredentialRevoked', { ...good, reason: 'because' }))).toBe(
      false,
    );
  });
});
