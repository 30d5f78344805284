import type { Histogram } from 'prom-client';
import { Logger } from 'nestjs-pino';
import { SERVICE_LOGGERS, type ServiceLoggers } from '../logging/service-loggers';
import { HTTP_REQUEST_DURATION } from '../metrics/metrics-registry';
import { setupOpenApi } from '../openapi/setup-openapi';
import { registerBodyParsers } from './body-parsers';
import type { ServiceApp } from './http-platform';
import { registerRequestHooks } from './request-hooks';
import { SERVICE_KIT_OPTIONS, type ServiceKitOptions } from './service-kit.options';

/** The app-level setup that a module cannot do; shared by bootstrapService and createTestApp. */
export async function configureApp(app: ServiceApp): Promise<void> {
  const { serviceName } = app.get<ServiceKitOptions>(SERVICE_KIT_OPTIONS);
  app.useLogger(app.get(Logger));
  // Nest only flushes the startup buffer in listen(); tests never listen.
  app.flushLogs();
  const fastify = app.getHttpAdapter().getInstance();
  // Before anything else is registered, so that the access log's hook runs first.
  registerRequestHooks(fastify, {
    loggers: app.get<ServiceLoggers>(SERVICE_LOGGERS),
    duration: app.get<Histogram<'method' | 'route' | 'status'>>(HTTP_REQUEST_DURATION),
  });
  registerBodyParsers(fastify);
  // No cookie plugin: its hook ran on every request of every service for the one route that sets a
  // cookie (auth-service's trusted device, which writes its Set-Cookie header with the plugin's serializer).
  setupOpenApi(app, serviceName);
}
