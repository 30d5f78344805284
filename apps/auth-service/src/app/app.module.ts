import { Module } from '@nestjs/common';

/**
 * The auth-service's own modules. bootstrapService adds ServiceKitModule (global: logging, /health,
 * /metrics, errors, validation, EVENT_STORE, SERVICE_CONFIG) next to it; do not import it here.
 */
@Module({})
export class AppModule {}
