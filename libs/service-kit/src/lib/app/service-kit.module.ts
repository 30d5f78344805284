import {
  DEFAULT_RECENT_SIGN_IN_SECONDS,
  LIMITER_STORE,
  RECENT_SIGN_IN_SECONDS,
} from '@accounts/security';
import { type LimiterStoreConfig, limiterStoreProviders } from '../limits/limiter-store.provider';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import type { Registry } from 'prom-client';
import { HttpErrorFilter } from '../errors/http-error.filter';
import { createEventStore } from '../event-store/create-event-store';
import { EventStoreHandle } from '../event-store/event-store-handle';
import { EVENT_STORE } from '../event-store/event-store.token';
import { WorkerHealthIndicator } from '../cluster/worker-health';
import { EventStoreHealthIndicator } from '../health/event-store.health';
import { HealthController } from '../health/health.controller';
import { HealthIndicatorRegistry } from '../health/health-indicator-registry';
import { createServiceLoggers, SERVICE_LOGGERS } from '../logging/service-loggers';
import { MetricsController } from '../metrics/metrics.controller';
import {
  createHttpRequestDuration,
  createMetricsRegistry,
  HTTP_REQUEST_DURATION,
  METRICS_REGISTRY,
} from '../metrics/metrics-registry';
import { OperationsController } from '../operations/operations.controller';
import { OperationsGuard } from '../operations/operations.guard';
import { ProjectionOperationsRegistry } from '../operations/projection-operations.registry';
import { createRequestValidationPipe } from '../validation/request-validation.pipe';
import { SERVICE_CONFIG, SERVICE_KIT_OPTIONS, type ServiceKitOptions } from './service-kit.options';

/**
 * What every service has: JSON logs with correlation ids, /health, /metrics, the error filter,
 * the validation pipe and the event store. Global, so feature modules inject EVENT_STORE,
 * SERVICE_CONFIG, METRICS_REGISTRY and HealthIndicatorRegistry without importing it.
 * bootstrapService and createTestApp import it; an AppModule does not.
 */
@Module({})
export class ServiceKitModule {
  static forRoot(options: ServiceKitOptions): DynamicModule {
    const loggers = createServiceLoggers(
      options.serviceName,
      options.config.LOG_LEVEL,
      options.logStream,
    );
    return {
      module: ServiceKitModule,
      global: true,
      imports: [
        // nestjs-pino's Logger and PinoLogger over our logger, without its middleware: the kit's
        // preHandler hook puts the app's logger in its request store (app/request-hooks.ts); the
        // access log is ours (access-log.ts). Middleware would need middie on every request.
        LoggerModule.forRoot({
          pinoHttp: { logger: loggers.logger },
          useExisting: true,
          forRoutes: [],
        }),
        TerminusModule.forRoot({ errorLogStyle: 'json' }),
      ],
      controllers: [HealthController, MetricsController, OperationsController],
      providers: [
        { provide: SERVICE_KIT_OPTIONS, useValue: options },
        { provide: SERVICE_LOGGERS, useValue: loggers },
        { provide: SERVICE_CONFIG, useValue: options.config },
        ...limiterStoreProviders(
          options.config as unknown as LimiterStoreConfig,
          options.serviceName,
        ),
        {
          provide: RECENT_SIGN_IN_SECONDS,
          useValue:
            (options.config as { RECENT_SIGN_IN_SECONDS?: number }).RECENT_SIGN_IN_SECONDS ??
            DEFAULT_RECENT_SIGN_IN_SECONDS,
        },
        {
          provide: EventStoreHandle,
          useFactory: () =>
            options.eventStore
              ? new EventStoreHandle(options.eventStore, false)
              : new EventStoreHandle(createEventStore(options.config), true),
        },
        {
          provide: EVENT_STORE,
          useFactory: (handle: EventStoreHandle) => handle.store,
          inject: [EventStoreHandle],
        },
        { provide: METRICS_REGISTRY, useFactory: () => createMetricsRegistry(options.serviceName) },
        {
          provide: HTTP_REQUEST_DURATION,
          useFactory: (registry: Registry) => createHttpRequestDuration(registry),
          inject: [METRICS_REGISTRY],
        },
        HealthIndicatorRegistry,
        ProjectionOperationsRegistry,
        OperationsGuard,
        EventStoreHealthIndicator,
        WorkerHealthIndicator,
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        { provide: APP_PIPE, useFactory: createRequestValidationPipe },
      ],
      exports: [
        // HealthIndicatorService, for indicators registered by other modules.
        TerminusModule,
        SERVICE_KIT_OPTIONS,
        SERVICE_LOGGERS,
        SERVICE_CONFIG,
        RECENT_SIGN_IN_SECONDS,
        LIMITER_STORE,
        EventStoreHandle,
        EVENT_STORE,
        METRICS_REGISTRY,
        HTTP_REQUEST_DURATION,
        HealthIndicatorRegistry,
        ProjectionOperationsRegistry,
      ],
    };
  }
}
