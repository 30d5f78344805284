import { type ConfigSchema, createEventStore, loadConfig } from '@accounts/service-kit';
import { PostgresEventStore } from '@accounts/event-store';
import { authConfigSchema } from '../../apps/auth-service/src/config';
import { credentialsConfigSchema } from '../../apps/credentials-service/src/config';
import { profileConfigSchema } from '../../apps/profile-service/src/config';
import { environmentOf, generatedDotEnv, readComposeFile } from './compose-file';

// No Docker engine here: docker-compose.postgres.yml is checked against what each service validates at start.
const { text, file } = readComposeFile('docker-compose.postgres.yml');
const base = readComposeFile().file;
const dotEnv = generatedDotEnv();

const apps: ReadonlyArray<{ name: string; schema: ConfigSchema }> = [
  { name: 'profile-service', schema: profileConfigSchema },
  { name: 'auth-service', schema: authConfigSchema },
  { name: 'credentials-service', schema: credentialsConfigSchema },
];

describe('docker-compose.postgres.yml', () => {
  it('runs PostgreSQL instead of EventStoreDB, with a volume, a healthcheck and the password from .env', () => {
    expect(Object.keys(file.services).sort()).toEqual([
      'auth-service',
      'credentials-service',
      'kafka',
      'mailpit',
      'postgres',
      'profile-service',
    ]);
    const { postgres } = file.services;
    expect(postgres.image).toMatch(/^postgres:1[5-9]/);
    expect(postgres.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(postgres.volumes?.[0].split(':')[0]).toBe('postgres-data');
    expect(Object.keys(file.volumes ?? {})).toContain('postgres-data');
    expect(postgres.environment?.['POSTGRES_PASSWORD']).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
    expect(() => environmentOf(postgres, {})).toThrow(/POSTGRES_PASSWORD is required/);
  });

  it('keeps Kafka exactly as docker-compose.yml has it', () => {
    expect(file.services['kafka']).toEqual(base.services['kafka']);
  });

  describe.each(apps)('$name', ({ name, schema }) => {
    it('selects the PostgreSQL store with the password of the database service, and waits for it', async () => {
      const env = environmentOf(file.services[name], dotEnv);
      const config = loadConfig(schema, env) as Parameters<typeof createEventStore>[0];
      const url = new URL(String(config.EVENTSTORE_CONNECTION_STRING));
      expect({
        protocol: url.protocol,
        host: url.host,
        user: url.username,
        db: url.pathname,
      }).toEqual({
        protocol: 'postgres:',
        host: 'postgres:5432',
        user: 'accounts',
        db: '/accounts',
      });
      expect(url.password).toBe(dotEnv['POSTGRES_PASSWORD']);
      const store = createEventStore(config);
      expect(store).toBeInstanceOf(PostgresEventStore);
      await store.close();
      expect(file.services[name].depends_on).toEqual({
        postgres: { condition: 'service_healthy' },
        kafka: { condition: 'service_healthy' },
      });
    });

    it('differs from docker-compose.yml only in the event store', () => {
      const withoutStore = (env: Record<string, string> = {}) =>
        Object.fromEntries(
          Object.entries(env).filter(([variable]) => !variable.startsWith('EVENTSTORE_')),
        );
      const rest = withoutStore(file.services[name].environment);
      const baseRest = withoutStore(base.services[name].environment);
      expect(rest).toEqual(baseRest);
      expect(file.services[name].build).toEqual(base.services[name].build);
      expect(file.services[name].environment?.['EVENTSTORE_CONNECTION_STRING']).toMatch(
        /^\$\{POSTGRES_EVENTSTORE_URL:\?/,
      );
    });
  });

  it('has no tabs', () => {
    expect(text).not.toMatch(/\t/);
  });
});
