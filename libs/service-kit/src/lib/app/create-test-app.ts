import { type EventStore, PostgresEventStore } from '@accounts/event-store';
import { NestFactory } from '@nestjs/core';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BaseConfig, baseConfigSchema } from '../config/base-config';
import type { ConfigSchema } from '../config/config-var';
import { loadConfig } from '../config/load-config';
import { configureApp } from './configure-app';
import { createHttpAdapter, type ServiceApp } from './http-platform';
import { serviceRootModule, type ServiceModules } from './service-root.module';

export interface TestAppOptions extends ServiceModules {
  readonly serviceName?: string;
  /** Defaults to baseConfigSchema. */
  readonly schema?: ConfigSchema;
  /**
   * Configuration variables; process.env is never read, except TEST_EVENTSTORE_POSTGRES_URL (see
   * testEventStore). DATA_DIR defaults to a fresh temp folder.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A store to use instead of the SQLite store in DATA_DIR; the test closes it. */
  readonly eventStore?: EventStore;
}

/** One JSON log line as written by the app. */
export type LogLine = Record<string, unknown> & { readonly level: string; readonly msg?: string };

export interface TestApp {
  /**
   * Initialised and ready, not listening: `request(app.getHttpServer())`, or `app.listen(0)` for a
   * real port.
   */
  readonly app: ServiceApp;
  /** `METHOD /path/:param` of every route the app serves (HEAD routes Fastify adds for GETs left out). */
  readonly routes: readonly string[];
  /** Every log line so far, parsed. */
  readonly logs: LogLine[];
  readonly dataDir: string;
  /** Closes the app (hooks, store) and removes the temp data folder it created. */
  close(): Promise<void>;
}

/** The app exactly as bootstrapService builds it, for HTTP tests with supertest. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const tempDir = options.env?.['DATA_DIR']
    ? undefined
    : mkdtempSync(join(tmpdir(), 'service-kit-test-'));
  try {
    const config = loadConfig(options.schema ?? baseConfigSchema, {
      PORT: '3000',
      ...(tempDir && { DATA_DIR: tempDir }),
      ...options.env,
    }) as BaseConfig;
    const eventStore = options.eventStore ?? testEventStore(config);
    const logs: LogLine[] = [];
    const logStream = { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) };
    const app = await NestFactory.create<ServiceApp>(
      serviceRootModule(
        { serviceName: options.serviceName ?? 'test-service', config, eventStore, logStream },
        options,
      ),
      createHttpAdapter(config),
      { bufferLogs: true, abortOnError: false, bodyParser: false },
    );
    const routes: string[] = [];
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onRoute', ({ method, url }) => {
        for (const m of [method].flat()) if (m !== 'HEAD') routes.push(`${m} ${url}`);
      });
    await configureApp(app);
    await app.init();
    // Fastify loads its plugins (the cookie plugin, the Swagger UI's static files) in ready().
    await app.getHttpAdapter().getInstance().ready();
    return {
      app,
      routes,
      logs,
      dataDir: config.DATA_DIR,
      async close() {
        await app.close();
        if (eventStore !== options.eventStore) await eventStore?.close();
        if (tempDir) rmSync(tempDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The second CI run of the service suites (tools/test.mjs) sets TEST_EVENTSTORE_POSTGRES_URL: every
 * test app then keeps its events in PostgreSQL instead of DATA_DIR/events.sqlite, in a schema named
 * after DATA_DIR, so an app restarted on the same DATA_DIR finds its events again and two apps on
 * one DATA_DIR share them, as they do with SQLite. The app's configuration stays the embedded one.
 */
function testEventStore(config: BaseConfig): EventStore | undefined {
  const url = process.env['TEST_EVENTSTORE_POSTGRES_URL'];
  if (!url || config.EVENTSTORE_CONNECTION_STRING) return undefined;
  const schema = `test_${createHash('sha256').update(resolve(config.DATA_DIR)).digest('hex').slice(0, 24)}`;
  return new PostgresEventStore({ connectionString: url, schema, poolSize: 4, pollIntervalMs: 50 });
}
