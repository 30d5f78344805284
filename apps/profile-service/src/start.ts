// The app itself: loaded by main.ts in each worker (or the single process), never in the cluster primary.
import { bootstrapService } from '@accounts/service-kit';
import { AppModule } from './app/app.module';
import { profileConfigSchema } from './config';

void bootstrapService({
  serviceName: 'profile-service',
  schema: profileConfigSchema,
  module: AppModule,
});
