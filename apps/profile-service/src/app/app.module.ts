import { Module } from '@nestjs/common';
import { ProfileModule } from './profile.module';

/**
 * The profile-service's own modules. bootstrapService adds ServiceKitModule (global: logging, /health,
 * /metrics, errors, validation, EVENT_STORE, SERVICE_CONFIG) next to it; do not import it here.
 */
@Module({ imports: [ProfileModule.forRoot()] })
export class AppModule {}
