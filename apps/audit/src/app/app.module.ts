import { Module } from '@nestjs/common';
import { AuditModule } from './audit.module';

/**
 * The audit service's own modules. bootstrapService adds ServiceKitModule (global: logging, /health,
 * /metrics, /ops, errors, validation, EVENT_STORE, SERVICE_CONFIG) next to it; do not import it here.
 */
@Module({ imports: [AuditModule.forRoot()] })
export class AppModule {}
