import { baseConfigSchema } from './base-config';
import { ConfigError } from './config-error';
import { bool, int, oneOf, port, str, url } from './config-vars';
import { configSchemaToMarkdown, describeConfigSchema } from './describe-config';
import { loadConfig } from './load-config';

const schema = {
  ...baseConfigSchema,
  PORT: port({ description: 'HTTP port', default: 3001 }),
  ISSUER: url({ description: 'Token issuer', protocols: ['http', 'https'] }),
  MAX_ATTEMPTS: int({ description: 'Attempts before lockout', min: 1, max: 20, default: 5 }),
  DEV_OUTBOX: bool({ description: 'Keep sent mail in memory', default: false }),
  BOOTSTRAP_TOKEN: str({
    description: 'One-time setup token',
    optional: true,
    secret: true,
    minLength: 16,
  }),
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigError)
      return error.problems.map((p) => `${p.variable}: ${p.problem}`);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies defaults and reads typed values', () => {
    const config = loadConfig(schema, {
      ISSUER: 'https://auth.example.com',
      MAX_ATTEMPTS: '7',
      DEV_OUTBOX: 'yes',
    });
    expect(config).toEqual({
      PORT: 3001,
      HOST: '127.0.0.1',
      DATA_DIR: './data',
      LOG_LEVEL: 'info',
      EVENTSTORE_CONNECTION_STRING: undefined,
      EVENTSTORE_POOL_SIZE: 10,
      EVENTSTORE_SCHEMA: 'event_store',
      SQLITE_SYNCHRONOUS: 'full',
      SQLITE_WRITER: 'event-loop',
      WORKER_IDLE_GC_MS: 2000,
      WORKER_START_TIMEOUT_MS: 60000,
      SHUTDOWN_TIMEOUT_MS: 5000,
      TRUST_PROXY: undefined,
      ISSUER: 'https://auth.example.com',
      MAX_ATTEMPTS: 7,
      DEV_OUTBOX: true,
      BOOTSTRAP_TOKEN: undefined,
    });
    // Compile-time: the inferred types are the ones a service needs.
    const port: number = config.PORT;
    const level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' = config.LOG_LEVEL;
    const token: string | undefined = config.BOOTSTRAP_TOKEN;
    expect([port, level, token]).toEqual([3001, 'info', undefined]);
  });

  it('names every wrong or missing variable and what is expected, in one error', () => {
    expect(
      problemsOf({
        PORT: '70000',
        LOG_LEVEL: 'verbose',
        MAX_ATTEMPTS: 'many',
        DEV_OUTBOX: 'maybe',
      }),
    ).toEqual([
      'PORT: expected an integer between 1 and 65535, got "70000"',
      'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, got "verbose"',
      'ISSUER: missing; expected a URL starting with http:// or https://',
      'MAX_ATTEMPTS: expected an integer between 1 and 20, got "many"',
      'DEV_OUTBOX: expected true or false, got "maybe"',
    ]);
  });

  it('puts every problem in the message a person reads at start', () => {
    expect(() => loadConfig(schema, { PORT: 'abc' })).toThrow(
      'Invalid configuration (environment variables):\n' +
        '  - PORT: expected an integer between 1 and 65535, got "abc"\n' +
        '  - ISSUER: missing; expected a URL starting with http:// or https://',
    );
  });

  it('never repeats the value of a secret', () => {
    const problems = problemsOf({ ISSUER: 'https://a.example', BOOTSTRAP_TOKEN: 'short-secret' });
    expect(problems).toEqual([
      'BOOTSTRAP_TOKEN: expected a string of at least 16 characters, (value hidden: secret)',
    ]);
    const esdb = problemsOf({
      ISSUER: 'https://a',
      EVENTSTORE_CONNECTION_STRING: 'http://admin:changeit@db:2113',
    });
    expect(esdb.join()).not.toContain('changeit');
  });

  it('treats an empty value as unset (docker-compose "VAR=")', () => {
    expect(loadConfig(schema, { ISSUER: 'https://a', PORT: '', LOG_LEVEL: ' ' }).PORT).toBe(3001);
  });

  it('accepts EventStoreDB, KurrentDB and PostgreSQL connection strings, clusters included', () => {
    for (const cs of [
      'esdb://localhost:2113?tls=false',
      'esdb://admin:changeit@node1:2113,node2:2113,node3:2113?tls=true',
      'esdb+discover://cluster.example.com:2113',
      'kurrentdb://localhost:2113?tls=false',
      'postgres://accounts:secret@db:5432/accounts',
      'postgresql://db.example.com/accounts?sslmode=require',
    ]) {
      expect(
        loadConfig(schema, { ISSUER: 'https://a', EVENTSTORE_CONNECTION_STRING: cs })
          .EVENTSTORE_CONNECTION_STRING,
      ).toBe(cs);
    }
    expect(
      problemsOf({ ISSUER: 'https://a', EVENTSTORE_CONNECTION_STRING: 'localhost:2113' }),
    ).toEqual([
      'EVENTSTORE_CONNECTION_STRING: expected a URL starting with esdb:// or esdb+discover:// or kurrentdb:// or kurrentdb+discover:// or postgres:// or postgresql://, (value hidden: secret)',
    ]);
  });

  it('accepts only the listed values for a oneOf', () => {
    const s = { MODE: oneOf(['a', 'b'], { description: 'mode' }) };
    expect(loadConfig(s, { MODE: 'b' }).MODE).toBe('b');
    expect(() => loadConfig(s, { MODE: 'B' })).toThrow('MODE: expected one of a, b, got "B"');
  });
});

describe('describeConfigSchema', () => {
  it('documents every variable with its description, default and whether it is required', () => {
    const rows = describeConfigSchema(schema);
    expect(rows.find((r) => r.name === 'PORT')).toEqual({
      name: 'PORT',
      description: 'HTTP port',
      expected: 'an integer between 1 and 65535',
      required: false,
      default: '3001',
    });
    expect(rows.find((r) => r.name === 'ISSUER')?.required).toBe(true);
    expect(rows.every((r) => r.description.length > 0)).toBe(true);
    expect(configSchemaToMarkdown(schema)).toContain(
      '| `LOG_LEVEL` | Minimum level of the JSON log lines |',
    );
  });
});
