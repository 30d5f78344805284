import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Server } from 'node:http';
import type { BaseConfig } from '../config/base-config';
import { ConfigError } from '../config/config-error';
import type { ConfigOf, ConfigSchema } from '../config/config-var';
import { loadConfig } from '../config/load-config';
import { defaultAggregateCache } from '@accounts/event-sourcing';
import { whenIdle } from '../cluster/idle-gc';
import { readyToListen } from '../cluster/listen-together';
import { configureApp } from './configure-app';
import { createHttpAdapter, type ServiceApp } from './http-platform';
import { exitGracefullyOnSignals } from './graceful-shutdown';
import { InFlightRequests } from './in-flight-requests';
import { serviceRootModule, type ServiceModules } from './service-root.module';

export interface BootstrapOptions<S extends ConfigSchema> extends ServiceModules {
  readonly serviceName: string;
  /** The service's schema: `{ ...baseConfigSchema, ... }`. */
  readonly schema: S;
  /** The service's AppModule (it must not import ServiceKitModule: the kit is added here). */
  readonly module?: NonNullable<ServiceModules['imports']>[number];
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * A service's start.ts, run by main.ts (runServiceEntry) in each worker or in the single process:
 * validates the environment (exit 1 naming every bad variable), starts the app on HOST:PORT and
 * shuts it down gracefully on SIGTERM/SIGINT. The cluster primary never gets here: runServiceEntry
 * forks the workers without loading the app.
 */
export async function bootstrapService<S extends ConfigSchema>(
  options: BootstrapOptions<S>,
): Promise<ServiceApp | undefined> {
  const config = loadConfigOrExit(options);
  const logger = new Logger('Bootstrap');
  let app: ServiceApp | undefined;
  try {
    app = await NestFactory.create<ServiceApp>(
      serviceRootModule(
        { serviceName: options.serviceName, config },
        {
          imports: [...(options.module ? [options.module] : []), ...(options.imports ?? [])],
          controllers: options.controllers,
          providers: options.providers,
        },
      ),
      createHttpAdapter(config),
      { bufferLogs: true, abortOnError: false, bodyParser: false },
    );
    await configureApp(app);
    const inFlight = new InFlightRequests(app.getHttpServer() as Server);
    exitGracefullyOnSignals(app, inFlight, {
      timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
      logger: new Logger('Shutdown'),
    });
    // In a cluster every worker initialises first, then the primary lets them all listen at once.
    await app.init();
    // Folded states are rebuilt on demand: a quiet worker lets them go with the load's garbage.
    whenIdle(() => defaultAggregateCache.clear());
    await readyToListen();
    await app.listen(config.PORT, config.HOST);
    const url = `http://${displayHost(config.HOST)}:${config.PORT}`;
    logger.log(`${options.serviceName} listening on ${url} (API docs: ${url}/docs)`);
    return app;
  } catch (error) {
    if (app) logger.fatal(error, `${options.serviceName} could not start`);
    // Before the JSON logger exists Nest has printed the stack already; one plain line says why.
    else
      process.stderr.write(
        `${options.serviceName} could not start: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    // Log writes are synchronous, so nothing is lost by leaving now.
    process.exit(1);
  }
}

function loadConfigOrExit<S extends ConfigSchema>(
  options: BootstrapOptions<S>,
): ConfigOf<S> & BaseConfig {
  try {
    return loadConfig(options.schema, options.env ?? process.env) as ConfigOf<S> & BaseConfig;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${options.serviceName}: ${error.message}\n`);
    process.exit(1);
  }
}

/** 0.0.0.0 is not an address one can browse to. */
function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
