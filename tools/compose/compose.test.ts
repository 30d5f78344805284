import { notifierConfigVariables, readNotifierConfig } from '@accounts/notifications';
import { parseTrustedIssuers, SigningKeyRing } from '@accounts/security';
import {
  assertProfileEventsSource,
  type ConfigSchema,
  loadConfig,
  publicUrlOf,
} from '@accounts/service-kit';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { authConfigSchema } from '../../apps/auth-service/src/config';
import { credentialsConfigSchema } from '../../apps/credentials-service/src/config';
import { profileConfigSchema } from '../../apps/profile-service/src/config';
import {
  environmentOf,
  generatedDotEnv,
  interpolate,
  readComposeFile,
  WORKSPACE,
} from './compose-file';

// No Docker engine here: docker-compose.yml is checked against what each service validates at start.
const { text, file } = readComposeFile();
const dotEnv = generatedDotEnv();

/** Each service of the stack, the config schema its main.ts loads, and the variables it reads besides. */
const apps: ReadonlyArray<{
  name: string;
  schema: ConfigSchema;
  port: number;
  extraVariables: readonly string[];
}> = [
  { name: 'profile-service', schema: profileConfigSchema, port: 3001, extraVariables: [] },
  {
    name: 'auth-service',
    schema: authConfigSchema,
    port: 3002,
    extraVariables: notifierConfigVariables.map((v) => v.name),
  },
  { name: 'credentials-service', schema: credentialsConfigSchema, port: 3003, extraVariables: [] },
];

const environment = (name: string) => environmentOf(file.services[name], dotEnv);

describe('docker-compose.yml', () => {
  it('runs EventStoreDB (insecure single node) and Kafka (KRaft, one combined node) with volumes and healthchecks', () => {
    const { eventstore, kafka } = file.services;
    expect(eventstore.image).toMatch(
      /^(eventstore\/eventstore:24\.10|kurrentplatform\/kurrentdb:)/,
    );
    expect(eventstore.environment).toMatchObject({
      EVENTSTORE_INSECURE: 'true',
      EVENTSTORE_CLUSTER_SIZE: '1',
    });
    expect(kafka.image).toMatch(/^apache\/kafka:4\./);
    expect(kafka.environment).toMatchObject({
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
    });
    expect(kafka.environment?.['KAFKA_ADVERTISED_LISTENERS']).toBe('PLAINTEXT://kafka:9092');
    for (const infra of [eventstore, kafka]) {
      expect(infra.healthcheck?.test.length).toBeGreaterThan(0);
      for (const volume of infra.volumes ?? [])
        expect(Object.keys(file.volumes ?? {})).toContain(volume.split(':')[0]);
      expect(infra.volumes?.length).toBeGreaterThan(0);
    }
  });

  it('needs the secrets from .env: without them compose refuses to start', () => {
    expect(() => environmentOf(file.services['credentials-service'], {})).toThrow(
      /CREDENTIALS_SIGNING_KEYS is required/,
    );
    expect(interpolate('${WEB_ORIGIN:-http://localhost:3000}', {})).toBe('http://localhost:3000');
  });

  describe.each(apps)('$name', ({ name, schema, port, extraVariables }) => {
    it("environment loads with the service's own config schema, with the Kafka path on", () => {
      const env = environment(name);
      const config = loadConfig(schema, env) as Record<string, unknown>;
      expect(config).toMatchObject({
        HOST: '0.0.0.0',
        PORT: port,
        EVENTSTORE_CONNECTION_STRING: 'esdb://eventstore:2113?tls=false',
        KAFKA_BROKERS: 'kafka:9092',
      });
      if ('PROFILE_EVENTS_SOURCE' in schema) {
        expect(config['PROFILE_EVENTS_SOURCE']).toBe('kafka');
        expect(() =>
          assertProfileEventsSource(config as Parameters<typeof assertProfileEventsSource>[0]),
        ).not.toThrow();
      }
      if (name === 'auth-service') expect(() => readNotifierConfig(env)).not.toThrow();
    });

    it('sets only variables the service reads, and no secret in plain text', () => {
      const variables = file.services[name].environment ?? {};
      const known = new Set([...Object.keys(schema), ...extraVariables]);
      expect(Object.keys(variables).filter((variable) => !known.has(variable))).toEqual([]);
      const plainSecrets = Object.entries(variables)
        .filter(([variable]) => schema[variable]?.secret)
        .filter(([, value]) => !/^\$\{[A-Z0-9_]+:\?[^}]*\}$/.test(String(value)))
        // A connection string is secret for its user:password; the insecure dev store has none.
        .filter(
          ([, value]) =>
            /^[a-z+]+:\/\/[^/?]*@/.test(String(value)) || !/^[a-z+]+:\/\//.test(String(value)),
        );
      expect(plainSecrets).toEqual([]);
    });

    it('trusts both issuers of this stack by their URLs (keys by discovery), the URLs they put in iss, and reaches the store and Kafka by service name', () => {
      const env = environment(name);
      expect(parseTrustedIssuers(env['TRUSTED_ISSUERS'])).toEqual({
        'http://auth-service:3002': { discovery: 'http://auth-service:3002' },
        'http://credentials-service:3003': { discovery: 'http://credentials-service:3003' },
      });
      for (const issuer of apps.filter((app) => app.name !== 'profile-service')) {
        const config = loadConfig(issuer.schema, environment(issuer.name)) as Parameters<
          typeof publicUrlOf
        >[0];
        expect(publicUrlOf(config)).toBe(`http://${issuer.name}:${issuer.port}`);
      }
      expect(file.services[name].depends_on).toEqual({
        eventstore: { condition: 'service_healthy' },
        kafka: { condition: 'service_healthy' },
      });
      expect(file.services[name].ports).toEqual([`${port}:${port}`]);
    });

    it('is built from a Dockerfile that exists: node:20 build with nx, node:20-slim runtime, non-root USER, HEALTHCHECK on /health', () => {
      const build = file.services[name].build;
      if (!build) throw new Error(`${name} has no build section`);
      expect(build.args).toEqual({ APP: name, PORT: String(port) });
      const path = join(WORKSPACE, build.context, build.dockerfile);
      expect(existsSync(path)).toBe(true);
      const dockerfile = readFileSync(path, 'utf8');
      expect(dockerfile).toMatch(/^FROM node:\$\{NODE_VERSION\} AS build$/m);
      expect(dockerfile).toMatch(/^ARG NODE_VERSION=20$/m);
      expect(dockerfile).toMatch(/^RUN npx nx build "\$\{APP\}"/m);
      expect(dockerfile).toMatch(/^FROM node:\$\{NODE_VERSION\}-slim AS runtime$/m);
      expect(dockerfile).toMatch(/^RUN npm ci --omit=dev/m);
      const users = [...dockerfile.matchAll(/^USER (\S+)$/gm)].map((match) => match[1]);
      expect(users.length).toBeGreaterThan(0);
      expect(['root', '0']).not.toContain(users[users.length - 1]);
      expect(dockerfile).toMatch(/^HEALTHCHECK [^\n]*\\\n\s+CMD \[.*\/health/m);
      expect(existsSync(`${path}.dockerignore`)).toBe(true);
    });
  });

  it("make-env.mjs's signing keys are what auth-service and credentials-service import at start", async () => {
    for (const name of ['auth-service', 'credentials-service']) {
      const { kid } = await SigningKeyRing.fromJwks(environment(name)['SIGNING_KEYS']).current();
      expect(kid).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(environment('auth-service')['SIGNING_KEYS']).not.toBe(
      environment('credentials-service')['SIGNING_KEYS'],
    );
  });

  it('leaves no unresolved ${...} in any service environment', () => {
    for (const name of Object.keys(file.services)) {
      for (const value of Object.values(environment(name))) expect(value).not.toContain('${');
    }
    expect(text).not.toMatch(/\t/);
  });
});
