// The app itself: loaded by main.ts in each worker (or the single process), never in the cluster primary.
import { bootstrapService } from '@accounts/service-kit';
import { AppModule } from './app/app.module';
import { SERVICE_NAME } from './app/service-name';
import { auditConfigSchema } from './config';

void bootstrapService({ serviceName: SERVICE_NAME, schema: auditConfigSchema, module: AppModule });
