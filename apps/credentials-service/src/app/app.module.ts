import { Module } from '@nestjs/common';
import { CredentialsModule } from './credentials.module';

/**
 * The credentials-service's own modules. bootstrapService adds ServiceKitModule (global: logging, /health,
 * /metrics, errors, validation, EVENT_STORE, SERVICE_CONFIG) next to it; do not import it here.
 */
@Module({ imports: [CredentialsModule.forRoot()] })
export class AppModule {}
