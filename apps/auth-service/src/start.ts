// The app itself: loaded by main.ts in each worker (or the single process), never in the cluster primary.
import { bootstrapService } from '@accounts/service-kit';
import { AppModule } from './app/app.module';
import { authConfigSchema } from './config';

void bootstrapService({ serviceName: 'auth-service', schema: authConfigSchema, module: AppModule });
