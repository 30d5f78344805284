import { bootstrapService } from '@accounts/service-kit';
import { AppModule } from './app/app.module';
import { profileConfigSchema } from './config';

void bootstrapService({
  serviceName: 'profile-service',
  schema: profileConfigSchema,
  module: AppModule,
});
