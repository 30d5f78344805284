import { Module } from '@nestjs/common';
import { AuthModule } from './auth.module';

/**
 * The auth-service's own modules. bootstrapService adds ServiceKitModule (global: logging, /health,
 * /metrics, errors, validation, EVENT_STORE, SERVICE_CONFIG) next to it; do not import it here.
 */
@Module({ imports: [AuthModule.forRoot()] })
export class AppModule {}
